import { Router } from 'express';
import type { RouteDeps } from '../deps';
import { requireUser } from '../auth/middleware';

export function homeRoutes(_deps: RouteDeps): Router {
  const router = Router();
  router.get('/', requireUser, (_req, res) => {
    res.render('home/index', { title: 'Overview' });
  });
  return router;
}
