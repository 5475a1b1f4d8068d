import fs from 'node:fs';
import path from 'node:path';
import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../config';
import { ROOT_DIR } from '../paths';
import { API_PREFIX, buildOpenApiDocument, jsonResponse, type ApiOperations, type ApiWebhooks, type OpenApiDocument } from './openapi';

const OpenApiDocumentJson = z.looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.looseObject({}) }).meta({ description: 'This document (OpenAPI 3.1).' });

/** The description of the description itself, so every /api/v1 route is in the document. */
export const openApiOperations: ApiOperations = {
  'GET /openapi.json': {
    operationId: 'getOpenApiDocument',
    tags: ['About the API'],
    summary: 'This OpenAPI description',
    description: 'Needs no API key. A readable version is the API reference page, `/api/docs`.',
    responses: { 200: jsonResponse('The OpenAPI 3.1 document.', OpenApiDocumentJson) },
    isPublic: true,
  },
};

function appVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

/**
 * The document, built on first use and kept: building it takes a few milliseconds, and most
 * apps a test suite creates never ask for it.
 */
export function openApiDocument(options: { config: Pick<Config, 'baseUrl'>; operations: readonly ApiOperations[]; webhooks?: ApiWebhooks }): () => OpenApiDocument {
  let document: OpenApiDocument | undefined;
  return () =>
    (document ??= buildOpenApiDocument({
      operations: [openApiOperations, ...options.operations],
      webhooks: options.webhooks,
      baseUrl: options.config.baseUrl,
      version: appVersion(),
    }));
}

/** `GET /api/v1/openapi.json`, without an API key: it describes the API and holds no data. */
export function openApiRoutes(document: () => OpenApiDocument): Router {
  const router = Router();
  router.get(`${API_PREFIX}/openapi.json`, (_req, res) => {
    res.set('Cache-Control', 'no-cache').json(document());
  });
  return router;
}
