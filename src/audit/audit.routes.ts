import { Router } from 'express';
import { z } from 'zod';
import type { RouteDeps } from '../deps';
import { currentUser, requireRole } from '../auth/middleware';
import { parseInput } from '../shared/input';
import { getAuditLog } from './audit.service';

const AuditQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  event: z.string().regex(/^[a-z_.]*$/).max(40).optional().catch(undefined),
});

export function auditRoutes({ db }: RouteDeps): Router {
  const router = Router();
  router.get('/admin/audit', requireRole('admin'), async (req, res) => {
    const { page, event } = parseInput(AuditQuery, req.query);
    const log = await getAuditLog(db, currentUser(res), { page, event });
    res.render('admin/audit', { title: 'Audit log', ...log, page, event: event ?? '' });
  });
  return router;
}
