import { Router } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, requireRole } from '../auth/middleware';
import { pagerOf, parseListQuery } from '../shared/pager';
import { AUDIT_EVENTS } from './audit-event';
import { AuditQuery } from './audit.schemas';
import { AUDIT_PAGE_SIZE, getAuditLog } from './audit.service';

export function auditRoutes({ db }: RouteDeps): Router {
  const router = Router();
  router.get('/admin/audit', requireRole('admin'), async (req, res) => {
    const query = parseListQuery(AuditQuery, req.query);
    const log = await getAuditLog(db, currentUser(res), query, res.locals.fmt.timeZone);
    const filters = { q: query.q, event: query.event, from: query.from, to: query.to };
    res.render('admin/audit', {
      title: res.locals.t('admin.audit.title'),
      ...log,
      filters,
      events: AUDIT_EVENTS,
      pager: pagerOf('/admin/audit', filters, log.page, log.total, AUDIT_PAGE_SIZE),
    });
  });
  return router;
}
