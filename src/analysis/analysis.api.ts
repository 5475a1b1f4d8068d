import { Router } from 'express';
import type { RouteDeps } from '../app';

export function analysisApiRoutes(_deps: RouteDeps): Router {
  const router = Router();
  return router;
}
