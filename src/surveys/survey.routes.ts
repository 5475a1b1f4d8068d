import { Router } from 'express';
import type { RouteDeps } from '../app';

export function surveyRoutes(_deps: RouteDeps): Router {
  const router = Router();
  return router;
}
