import { Router } from 'express';
import type { RouteDeps } from '../app';

export function campaignApiRoutes(_deps: RouteDeps): Router {
  const router = Router();
  return router;
}
