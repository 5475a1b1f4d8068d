import { unavailableNotices } from './surveys/survey-texts';
import { DEFAULT_LANGUAGE, translate } from './shared/languages';
import { readerLocals, viewLabels } from './reader-locals';
import compression from 'compression';
import express, { Request, type Router } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { csrfSync } from 'csrf-sync';
import type { Config } from './config';
import { checkDatabase } from './db/database';
import { errorHandler } from './shared/error-handler';
import { viewFormatters } from './shared/format';
import { fieldMessage } from './shared/field-messages';
import { ejsViewEngine } from './shared/view-engine';
import { loadStaticAssets } from './shared/static-assets';
import { NotFoundError } from './shared/errors';
import { redactUrl } from './shared/redact';
import { systemClock, type Clock } from './shared/time';
import { CHART_JS_FILE, PUBLIC_DIR, VIEWS_DIR } from './paths';
import { DbSessionStore } from './auth/session-store';
import { keptForm } from './auth/kept-form';
import { loadCurrentUser } from './accounts/current-user.middleware';
import { navigationFor } from './home/navigation';
import { isValidLinkCsrf, linkCsrfToken } from './shared/link-csrf';
import { signInRoutes } from './accounts/sign-in.routes';
import { oidcRoutes } from './accounts/oidc.routes';
import { accountRoutes } from './accounts/account.routes';
import { profileRoutes } from './accounts/profile.routes';
import { invitationRoutes } from './accounts/invitation.routes';
import { auditRoutes } from './audit/audit.routes';
import { homeRoutes } from './home/home.routes';
import type { AppDeps, RouteDeps } from './deps';
import { requireApiKey } from './api/api-auth';
import { apiKeyRoutes } from './api/api-key.routes';
import { openApiDocument, openApiRoutes } from './api/openapi.routes';
import { apiDocsRoutes } from './api/api-docs.routes';
import { customerRoutes } from './customers/customer.routes';
import { contactApiOperations, contactApiRoutes, SYNC_LIMIT } from './customers/contact.api';
import { multipartUpload } from './customers/multipart';
import { campaignRoutes } from './campaigns/campaign.routes';
import { campaignApiOperations, campaignApiRoutes } from './campaigns/campaign.api';
import { mailRoutes } from './mail/mail.routes';
import { unsubscribeRoutes } from './campaigns/unsubscribe.routes';
import { surveyRoutes } from './surveys/survey.routes';
import { questionnaireRoutes } from './questionnaires/questionnaire.routes';
import { analysisRoutes } from './analysis/analysis.routes';
import { guessBeforeResults, guessBeforeResultsApi, guessRoutes } from './guesses/guess.routes';
import { reportRoutes } from './reports/report.routes';
import { analysisApiOperations, analysisApiRoutes } from './analysis/analysis.api';
import { codeMentionToNewCategory } from './analysis/coding.service';
import { emergingRoutes } from './analysis/emerging.routes';
import { catalogueRoutes } from './catalogue/catalogue.routes';
import { catalogueApiOperations, catalogueApiRoutes } from './catalogue/catalogue.api';
import { ticketRoutes } from './tickets/ticket.routes';
import { followupRoutes } from './followups/followup.routes';
import { kamRoutes } from './kam/kam.routes';
import { ticketApiOperations, ticketApiRoutes } from './tickets/ticket.api';
import { kamAlertHook } from './tickets/kam-alert.service';
import { moveTicketsOnCategoryMerge } from './tickets/category-merge.hook';
import { webhookRoutes } from './webhooks/webhook.routes';
import { webhookApiDefinitions } from './webhooks/webhook-openapi';
import { organisationLocals, organisationRoutes } from './organisation/organisation.routes';

export type { AppDeps, RouteDeps };

// Personal links whose forms are protected by a token derived from the link (see link-csrf.ts).
const PERSONAL_LINK = /^\/(s|f)\/([^/?#]+)/;
function personalLinkToken(req: Request): string | undefined {
  return PERSONAL_LINK.exec(req.path)?.[2];
}

/** RFC 8058 one-click unsubscribe arrives without a CSRF token; it only ever opts its own link out. */
function isOneClickUnsubscribe(req: Request): boolean {
  return req.path.startsWith('/u/') && req.body?.['List-Unsubscribe'] === 'One-Click';
}

function accessLog(logger: AppDeps['logger']): express.RequestHandler {
  return pinoHttp({
    logger,
    serializers: {
      req: (req: { method: string; url: string; id: unknown }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    // The error middleware logs each 500 once, at error level with its cause; the access line only notes it.
    customLogLevel: (_req, res, err) => (err ? 'error' : res.statusCode >= 500 ? 'warn' : 'info'),
  });
}

/** The ids pino-http gives requests (1, 2, 3 …), for the error lines that name them. */
function requestIds(): express.RequestHandler {
  let last = 0;
  return (req, _res, next) => {
    if (!req.id) req.id = last = (last + 1) & 0x7fffffff;
    next();
  };
}

export function createApp(appDeps: AppDeps): express.Express {
  // The app's own copy of the templates: publishing a questionnaire updates it.
  const registry = new Map(appDeps.templates);
  const deps: RouteDeps = { ...appDeps, templates: registry, clock: appDeps.clock ?? systemClock };
  const { config, db, logger } = deps;
  const app = express();
  app.disable('x-powered-by');
  // Express shows stack traces on its own last-resort error page unless its env is production;
  // NODE_ENV unset (as `npm start` runs) means development there. Only ERROR_DETAILS=on shows them.
  app.set('env', config.showErrorDetails ? 'development' : 'production');
  app.set('trust proxy', config.trustProxy);
  app.engine('ejs', ejsViewEngine());
  app.set('view engine', 'ejs');
  app.set('views', VIEWS_DIR);
  // Compile each template once; recompiling per request costs more than the rest of a page.
  app.set('view cache', true);
  app.locals.fmt = viewFormatters;
  // What people call the codes the domain stores, in English until the reader is known (readerLocals).
  app.locals.labels = viewLabels(DEFAULT_LANGUAGE);
  app.locals.lang = DEFAULT_LANGUAGE;
  app.locals.t = translate(DEFAULT_LANGUAGE, 'staff');
  const staticMaxAge = config.env === 'production' ? 3600_000 : 0;
  const assets = loadStaticAssets(PUBLIC_DIR, { 'vendor/chart.umd.min.js': CHART_JS_FILE }, staticMaxAge);
  // Views link every stylesheet and script through asset(), to its fingerprinted URL.
  app.locals.fieldMessage = fieldMessage;
  app.locals.asset = assets.url;
  app.locals.unavailableNotices = unavailableNotices;
  app.locals.defaultLanguage = DEFAULT_LANGUAGE;

  // pino-http makes child loggers for every request even when its lines can never be written;
  // with error (its highest level) off, only the request id it would give is kept.
  app.use(logger.isLevelEnabled('error') ? accessLog(logger) : requestIds());

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

  // HTML, CSS, JS and JSON: respondents are often on phones (the survey page shrinks about tenfold).
  app.use(compression());

  app.get('/healthz', async (req, res) => {
    try {
      await checkDatabase(db);
      res.set('Cache-Control', 'no-store').json({ status: 'ok' });
    } catch (error) {
      logger.error({ reqId: req.id, err: error }, 'health check failed');
      res.status(503).json({ status: 'error', message: 'database unavailable' });
    }
  });

  app.use('/static', assets.handler, express.static(PUBLIC_DIR, { maxAge: staticMaxAge }));
  app.get('/static/vendor/chart.umd.min.js', (_req, res) => res.sendFile(CHART_JS_FILE));

  app.use(express.urlencoded({ extended: true, limit: '200kb', parameterLimit: 2000 }));
  // A CRM's full contact list is larger than any other JSON body.
  app.use('/api/v1/contacts/sync', express.json({ limit: SYNC_LIMIT }));
  app.use(express.json({ limit: '1mb' }));
  // The contacts upload is multipart: parse it before the CSRF check reads `_csrf` from the body.
  app.use('/customers/import', multipartUpload());
  app.use('/admin/organisation', multipartUpload());

  // Personal links (/s/, /f/) and the bearer-key API need no session: skipping the session,
  // the session CSRF check and the user lookup keeps those hot paths free of session writes.
  // The API reference (/api/docs) is a page: a signed-in reader sees it in their own language.
  const withSession =
    (middleware: express.RequestHandler): express.RequestHandler =>
    (req, res, next) =>
      personalLinkToken(req) !== undefined || req.path.startsWith('/api/v1/') ? next() : middleware(req, res, next);

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
  // A form sent after the session ran out: sign in, then the form again with what was typed.
  app.use(withSession(keptForm({ baseUrl: config.baseUrl, clock: deps.clock })));
  app.use(withSession(csrf.csrfSynchronisedProtection));
  app.use(withSession(loadCurrentUser(db)));
  app.use((req, res, next) => {
    const linkToken = personalLinkToken(req);
    res.locals.csrfToken = linkToken ? () => linkCsrfToken(deps.sessionSecret, linkToken) : () => csrf.generateToken(req);
    res.locals.nav = res.locals.currentUser ? navigationFor(res.locals.currentUser) : [];
    res.locals.currentPath = req.path;
    res.locals.flashes = req.session?.flash ?? [];
    if (req.session?.flash) delete req.session.flash;
    if (linkToken && req.method === 'POST' && !isValidLinkCsrf(deps.sessionSecret, linkToken, req.body?._csrf)) {
      return next(csrf.invalidCsrfTokenError);
    }
    next();
  });
  // The organisation's name, logo and time zone on every page (and `fmt` in its zone).
  app.use(organisationLocals(deps));
  // The reader's language (theirs, else the organisation's): `lang`, `t`, `fmt` and `labels` in it.
  app.use(readerLocals);

  // First: respondents' pages are the busiest, and no other router has paths under /s or /surveys.
  app.use(surveyRoutes({ submissionHooks: [kamAlertHook(config.baseUrl)], ...deps }));
  // Someone invited to guess a campaign's top problems is asked before its results show them.
  const resultsHold = guessBeforeResults(deps);
  // Every other feature's router, in the order they are tried.
  const featureRoutes: ((deps: RouteDeps) => Router)[] = [
    signInRoutes, oidcRoutes, homeRoutes, accountRoutes, profileRoutes, invitationRoutes, auditRoutes, apiKeyRoutes,
    customerRoutes, campaignRoutes, mailRoutes, webhookRoutes, unsubscribeRoutes,
    (d) => questionnaireRoutes({ ...d, registry }),
    (d) => analysisRoutes({ ...d, resultsHold }),
    guessRoutes,
    (d) => reportRoutes({ ...d, resultsHold }),
    (d) => emergingRoutes({ ...d, resultsHold }),
    (d) => catalogueRoutes({ categoryMergeHooks: [moveTicketsOnCategoryMerge], mentionCoder: codeMentionToNewCategory, ...d }),
    ticketRoutes, followupRoutes, kamRoutes,
  ];
  for (const routes of featureRoutes) app.use(routes(deps));
  // Every /api/v1 router's operations: the OpenAPI document and the reference page describe them.
  const apiDocument = openApiDocument({
    config,
    operations: [contactApiOperations, campaignApiOperations, analysisApiOperations, catalogueApiOperations, ticketApiOperations],
    webhooks: webhookApiDefinitions,
  });
  app.use(openApiRoutes(apiDocument));
  app.use(apiDocsRoutes(apiDocument));
  app.use(organisationRoutes(deps));
  app.use(
    '/api/v1',
    requireApiKey(db, deps.clock),
    contactApiRoutes(deps),
    campaignApiRoutes(deps),
    analysisApiRoutes({ ...deps, resultsHold: guessBeforeResultsApi(deps) }),
    catalogueApiRoutes(deps),
    ticketApiRoutes(deps),
  );

  app.use((req, _res, next) => next(new NotFoundError(`no route for ${req.method} ${redactUrl(req.path)}`)));
  app.use(errorHandler(logger, { showDetails: config.showErrorDetails }));

  return app;
}

