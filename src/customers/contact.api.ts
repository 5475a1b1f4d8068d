import { Router } from 'express';
import type { RouteDeps } from '../app';

export function contactApiRoutes(_deps: RouteDeps): Router {
  const router = Router();
  return router;
}
