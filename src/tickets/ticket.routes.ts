import { Router } from 'express';
import type { RouteDeps } from '../app';

export function ticketRoutes(_deps: RouteDeps): Router {
  const router = Router();
  return router;
}
