import { Router } from 'express';
import type { OpenApiDocument } from './openapi';
import { apiReferenceOf } from './api-docs';

/** `GET /api/docs`: the API reference, rendered from the OpenAPI document; public, like the document. */
export function apiDocsRoutes(document: () => OpenApiDocument): Router {
  const router = Router();
  let page: ReturnType<typeof apiReferenceOf> | undefined;
  router.get('/api/docs', (_req, res) => {
    page ??= apiReferenceOf(document());
    res.render('api/docs', { title: res.locals.t('apiDocs.title'), styles: ['/static/css/api-docs.css'], ...page });
  });
  return router;
}
