import { Router } from 'express';
import type { RouteDeps } from '../app';

export function customerRoutes(_deps: RouteDeps): Router {
  const router = Router();
  return router;
}
