import { Router } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, requireUser } from '../auth/middleware';
import { getOnboarding } from './onboarding.service';

export function homeRoutes({ db }: RouteDeps): Router {
  const router = Router();
  router.get('/', requireUser, async (_req, res) => {
    res.render('home/index', { title: 'Overview', onboarding: await getOnboarding(db, currentUser(res)) });
  });
  return router;
}
