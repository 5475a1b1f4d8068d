import express, { NextFunction, Request, Response } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { csrfSync } from 'csrf-sync';
import { ZodError } from 'zod';
import type { Config } from './config';
import type { Db } from './db/database';
import type { Logger } from './shared/logger';
import { systemClock, type Clock } from './shared/time';
import { CHART_JS_FILE, PUBLIC_DIR, VIEWS_DIR } from './paths';
import { DbSessionStore } from './auth/session-store';
import { loadCurrentUser } from './auth/middleware';
import { navigationFor } from './shared/navigation';
import { isValidLinkCsrf, linkCsrfToken } from './shared/link-csrf';
import { authRoutes } from './auth/auth.routes';
import { accountRoutes } from './accounts/account.routes';
import { auditRoutes } from './audit/audit.routes';
import { homeRoutes } from './home/home.routes';
import type { SurveyDefinition } from './surveys/survey-definition';
import { requireApiKey } from './api/api-auth';
import { apiKeyRoutes } from './api/api-key.routes';
import { customerRoutes } from './customers/customer.routes';
import { contactApiRoutes } from './customers/contact.api';
import { multipartUpload } from './customers/multipart';
import { campaignRoutes } from './campaigns/campaign.routes';
import { campaignApiRoutes } from './campaigns/campaign.api';
import { mailRoutes } from './mail/mail.routes';
import { surveyRoutes } from './surveys/survey.routes';
import { analysisRoutes } from './analysis/analysis.routes';
import { analysisApiRoutes } from './analysis/analysis.api';
import { ticketRoutes } from './tickets/ticket.routes';
import { ticketApiRoutes } from './tickets/ticket.api';
import { kamAlertHook } from './tickets/kam-alert';

export interface AppDeps {
  config: Config;
  db: Db;
  logger: Logger;
  clock?: Clock;
  /** The secret that signs session cookies (config or generated and stored once). */
  sessionSecret: string;
  /** Survey templates from surveys/*.json, validated at start-up. */
  templates: ReadonlyMap<string, SurveyDefinition>;
}

/** Everything the routers need, with the clock resolved. */
export type RouteDeps = AppDeps & { clock: Clock };

// Tokens in respondent, unsubscribe and follow-up links are capabilities: never log them.
const TOKEN_PATH = /^\/(s|u|f)\/[^/?#]+/;
export function redactUrl(url: string): string {
  return url.replace(TOKEN_PATH, '/$1/[token]');
}

// Personal links whose forms are protected by a token derived from the link (see link-csrf.ts).
const PERSONAL_LINK = /^\/(s|f)\/([^/?#]+)/;
function personalLinkToken(req: Request): string | undefined {
  return PERSONAL_LINK.exec(req.path)?.[2];
}

/** RFC 8058 one-click unsubscribe arrives without a CSRF token; it only ever opts its own link out. */
function isOneClickUnsubscribe(req: Request): boolean {
  return req.path.startsWith('/u/') && req.body?.['List-Unsubscribe'] === 'One-Click';
}

export function createApp(appDeps: AppDeps): express.Express {
  const deps: RouteDeps = { ...appDeps, clock: appDeps.clock ?? systemClock };
  const { config, db, logger } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('view engine', 'ejs');
  app.set('views', VIEWS_DIR);
  // Compile each template once; recompiling per request costs more than the rest of a page.
  app.set('view cache', true);

  app.use(
    pinoHttp({
      logger,
      serializers: {
        req: (req: { method: string; url: string; id: unknown }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    }),
  );

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
          ...(config.baseUrl.startsWith('https:') ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      frameguard: { action: 'deny' },
      strictTransportSecurity: config.baseUrl.startsWith('https:'),
    }),
  );

  app.get('/healthz', async (_req, res) => {
    try {
      await db.selectFrom('user').select('id').limit(1).execute();
      res.set('Cache-Control', 'no-store').json({ status: 'ok' });
    } catch (error) {
      logger.error({ err: error }, 'health check failed');
      res.status(503).json({ status: 'error', message: 'database unavailable' });
    }
  });

  app.use('/static', express.static(PUBLIC_DIR, { maxAge: config.env === 'production' ? '1h' : 0 }));
  app.get('/static/vendor/chart.umd.min.js', (_req, res) => res.sendFile(CHART_JS_FILE));

  app.use(express.urlencoded({ extended: true, limit: '200kb', parameterLimit: 2000 }));
  app.use(express.json({ limit: '1mb' }));
  // The contacts upload is multipart: parse it before the CSRF check reads `_csrf` from the body.
  app.use('/customers/import', multipartUpload());

  // Personal links (/s/, /f/) and the bearer-key API need no session: skipping the session,
  // the session CSRF check and the user lookup keeps those hot paths free of session writes.
  const withSession =
    (middleware: express.RequestHandler): express.RequestHandler =>
    (req, res, next) =>
      personalLinkToken(req) !== undefined || req.path.startsWith('/api/') ? next() : middleware(req, res, next);

  app.use(
    withSession(
      session({
        name: 'pds.sid',
        secret: deps.sessionSecret,
        store: new DbSessionStore(db, deps.clock),
        resave: false,
        saveUninitialized: false,
        rolling: true,
        cookie: {
          httpOnly: true,
          sameSite: 'lax',
          secure: config.baseUrl.startsWith('https:'),
          maxAge: 8 * 3600_000,
        },
      }),
    ),
  );

  const csrf = csrfSync({
    getTokenFromRequest: (req) => (req.body?._csrf as string | undefined) ?? (req.headers['x-csrf-token'] as string | undefined),
    skipCsrfProtection: isOneClickUnsubscribe,
  });
  app.use(withSession(csrf.csrfSynchronisedProtection));
  app.use(withSession(loadCurrentUser(db)));
  app.use((req, res, next) => {
    const linkToken = personalLinkToken(req);
    res.locals.csrfToken = linkToken ? () => linkCsrfToken(deps.sessionSecret, linkToken) : () => csrf.generateToken(req);
    res.locals.nav = res.locals.currentUser ? navigationFor(res.locals.currentUser) : [];
    res.locals.currentPath = req.path;
    res.locals.flashes = req.session?.flash ?? [];
    res.locals.lang = 'en';
    if (req.session?.flash) delete req.session.flash;
    if (linkToken && req.method === 'POST' && !isValidLinkCsrf(deps.sessionSecret, linkToken, req.body?._csrf)) {
      return next(csrf.invalidCsrfTokenError);
    }
    next();
  });

  app.use(authRoutes(deps));
  app.use(homeRoutes(deps));
  app.use(accountRoutes(deps));
  app.use(auditRoutes(deps));
  app.use(apiKeyRoutes(deps));
  app.use(customerRoutes(deps));
  app.use(campaignRoutes(deps));
  app.use(mailRoutes(deps));
  app.use(surveyRoutes({ submissionHooks: [kamAlertHook(config.baseUrl)], ...deps }));
  app.use(analysisRoutes(deps));
  app.use(ticketRoutes(deps));
  app.use(
    '/api/v1',
    requireApiKey(db, deps.clock),
    contactApiRoutes(deps),
    campaignApiRoutes(deps),
    analysisApiRoutes(deps),
    ticketApiRoutes(deps),
  );

  app.use((req, res) => {
    res.status(404);
    if (req.path.startsWith('/api/')) return res.json({ error: 'not found' });
    res.render('error', { title: 'Page not found', message: 'There is no page at this address, or you may not see it.' });
  });

  app.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const status = statusOf(err);
    if (status >= 500) logger.error({ err, url: redactUrl(req.originalUrl) }, 'request failed');
    const message = status >= 500 ? 'Something went wrong on our side. Please try again.' : publicMessage(err, status);
    res.status(status);
    if (req.path.startsWith('/api/')) return res.json({ error: message });
    res.render('error', {
      title: TITLES[status] ?? 'Error',
      message,
      detail: config.env === 'development' && status >= 500 && err instanceof Error ? err.stack : undefined,
    });
  });

  return app;
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  403: 'Not allowed',
  404: 'Page not found',
  409: 'Conflict',
  413: 'Too large',
  429: 'Too many attempts',
};

function statusOf(err: unknown): number {
  // A malformed id in a path is a page that does not exist.
  if (err instanceof ZodError) return 404;
  const status = (err as { status?: unknown; statusCode?: unknown })?.status ?? (err as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

function publicMessage(err: unknown, status: number): string {
  if ((err as { code?: string })?.code === 'EBADCSRFTOKEN') {
    return 'This form has expired or was not sent from this site. Go back, reload the page and try again.';
  }
  if (status === 404) return 'There is no page at this address, or you may not see it.';
  if (status === 413) return 'What you sent is too large.';
  if (err instanceof Error && err.message && status < 500 && (err as { expose?: boolean }).expose !== false) {
    return err.message;
  }
  return TITLES[status] ?? 'Error';
}
