import { Router, type NextFunction, type Request, type Response } from 'express';
import type { RouteDeps } from '../deps';
import { currentUser, flash, requireRole } from '../auth/middleware';
import { submitForm } from '../shared/forms';
import { parseParams } from '../shared/input';
import { timeZoneLabel } from '../shared/format';
import { languageChoices } from '../shared/languages';
import { brandColourOnDark, readableBrandColour, type Organisation } from './organisation';
import { LogoParams, OrganisationForm } from './organisation.schemas';
import { getLogo, getOrganisation, getOrganisationSettings, updateOrganisation } from './organisation.service';

/** Every IANA zone this Node knows, for the time zone menu. */
const TIME_ZONES: readonly string[] = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];

/** The address of the logo (it changes with the logo, so it can be cached for long). */
export function logoPath(org: Pick<Organisation, 'logo'>): string | null {
  return org.logo ? `/organisation/logo/${org.logo.version}` : null;
}

/** The brand stylesheet's address: it changes with the colour. */
function brandCssPath(org: Pick<Organisation, 'brandColour'>): string {
  return `/organisation/brand.css?c=${org.brandColour.slice(1)}`;
}

/**
 * Puts the organisation on every page (`organisation`, its logo and stylesheet, its time zone);
 * the app then picks the reader's language and formatters from it.
 */
export function organisationLocals(deps: Pick<RouteDeps, 'db'>) {
  return async (req: Request, res: Response, next: NextFunction) => {
    // The API answers JSON and shows no organisation: it needs no read of the settings.
    if (req.path.startsWith('/api/v1/')) return next();
    const org = await getOrganisation(deps.db);
    res.locals.organisation = org;
    res.locals.organisationLogo = logoPath(org);
    res.locals.brandCss = brandCssPath(org);
    res.locals.timeZone = org.timeZone;
    next();
  };
}

function formValues(org: Organisation): Record<string, string> {
  return {
    name: org.name ?? '',
    senderName: org.senderName ?? '',
    senderAddress: org.senderAddress ?? '',
    replyTo: org.replyTo ?? '',
    brandColour: org.brandColour,
    timeZone: org.timeZone,
    language: org.language,
    postalAddress: org.postalAddress ?? '',
  };
}

export function organisationRoutes(deps: RouteDeps): Router {
  const { db, config, clock } = deps;
  const router = Router();

  const render = (res: Response, status: number, org: Organisation, values: Record<string, unknown>, errors: Record<string, string[] | undefined>) =>
    res.status(status).render('organisation/edit', {
      title: res.locals.t('organisation.title'),
      org,
      logoHref: logoPath(org),
      values,
      errors,
      languages: languageChoices(res.locals.lang),
      timeZones: TIME_ZONES.map((zone) => ({ value: zone, label: zone === values.timeZone ? timeZoneLabel(zone, clock()) : zone })),
      defaults: { senderName: config.mailFromName, senderAddress: config.mailFrom },
    });

  router.use('/admin/organisation', requireRole('admin'));
  router.get('/admin/organisation', async (_req, res) => {
    const org = await getOrganisationSettings(db, currentUser(res));
    render(res, 200, org, formValues(org), {});
  });
  router.post('/admin/organisation', async (req, res) => {
    const user = currentUser(res);
    const file = req.files?.logo;
    const logo = file && file.data.length > 0 ? { data: file.data } : undefined;
    const outcome = await submitForm(OrganisationForm, req.body, (form) => updateOrganisation(db, user, form, logo, clock()));
    if (!outcome.ok) {
      const { _csrf: _token, ...typed } = (req.body ?? {}) as Record<string, unknown>;
      const t = res.locals.t;
      // A message with values ("The logo is 612 KB…") is filled in here; the field partial shows it as it is.
      const errors = Object.fromEntries(Object.entries(outcome.errors).map(([field, messages]) => [field, messages?.map((m) => t(m, outcome.vars))]));
      return render(res, 422, await getOrganisationSettings(db, user), typed, errors);
    }
    flash(req, 'success', res.locals.t('organisation.flash.saved'));
    res.redirect(303, '/admin/organisation');
  });

  // Public: mails and personal pages show the logo. A versioned address never changes content.
  router.get('/organisation/logo/:version', async (req, res) => {
    const { version } = parseParams(LogoParams, req.params);
    const logo = await getLogo(db);
    if (!logo) {
      res.status(404).set('Cache-Control', 'no-cache').type('text/plain').send('No logo');
      return;
    }
    const isCurrent = logo.version === version;
    res.set({
      'Content-Type': logo.contentType,
      'Cache-Control': isCurrent ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
      ETag: `"${logo.version}"`,
      'Last-Modified': new Date(logo.updatedAt).toUTCString(),
      'X-Content-Type-Options': 'nosniff',
      'Content-Disposition': 'inline',
    });
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.send(logo.data);
  });

  router.get('/organisation/brand.css', async (_req, res) => {
    const org = await getOrganisation(db);
    const brand = readableBrandColour(org.brandColour);
    const css = [
      `:root { --brand: ${brand}; --brand-dark: ${shade(brand)}; --brand-line: ${org.brandColour}; --brand-on-dark: ${brandColourOnDark(org.brandColour)}; }`,
      '',
    ].join('\n');
    res.set({ 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=300' }).send(css);
  });

  return router;
}

/** A darker shade for hover states. */
function shade(hex: string): string {
  const part = (at: number) => Math.round(parseInt(hex.slice(at, at + 2), 16) * 0.8).toString(16).padStart(2, '0');
  return `#${part(1)}${part(3)}${part(5)}`;
}
