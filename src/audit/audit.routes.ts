import { Router } from 'express';
import { z } from 'zod';
import type { RouteDeps } from '../deps';
import { requireRole } from '../auth/middleware';
import { listAuditEntries } from './audit.repository';
import { parseInput } from '../shared/input';

const PAGE_SIZE = 100;
const AuditQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  event: z.string().regex(/^[a-z_.]*$/).max(40).optional().catch(undefined),
});

export function auditRoutes({ db }: RouteDeps): Router {
  const router = Router();
  router.get('/admin/audit', requireRole('admin'), async (req, res) => {
    const { page, event } = parseInput(AuditQuery, req.query);
    const entries = await listAuditEntries(db, { limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE, event });
    res.render('admin/audit', {
      title: 'Audit log',
      entries: entries.slice(0, PAGE_SIZE),
      page,
      event: event ?? '',
      hasNext: entries.length > PAGE_SIZE,
    });
  });
  return router;
}
