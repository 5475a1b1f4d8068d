import { Router } from 'express';
import type { RouteDeps } from '../app';

export function campaignRoutes(_deps: RouteDeps): Router {
  const router = Router();
  return router;
}
