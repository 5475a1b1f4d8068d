// What every page knows about its reader: the language they read (their own choice, else the
// organisation's), the staff texts, formatters and labels in it. Personal pages (respondents,
// contacts) set their own language afterwards; this is the staff's default.
import type { NextFunction, Request, Response } from 'express';
import type { CurrentUser } from './auth/user';
import { ROLE_LABEL_KEYS, ROLES } from './auth/user';
import { auditEventLabel } from './audit/audit-event';
import { CAMPAIGN_STATUSES, CAMPAIGN_STATUS_LABELS } from './campaigns/campaign';
import { relationshipLabel } from './customers/customer';
import { mailKindLabel } from './mail/mail';
import type { Organisation } from './organisation/organisation';
import { formattersIn } from './shared/format';
import { languageInText, languageLabel, resolveLanguage, translate, type Language } from './shared/languages';
import { touchpointLabel } from './surveys/touchpoint';

export interface ViewLabels {
  mailKind(kind: string): string;
  auditEvent(event: string): string;
  campaignStatus: Readonly<Record<string, string>>;
  role: Readonly<Record<string, string>>;
  /** A language named standing alone (an option, a table cell, a heading): "Svenska". */
  language(code: string): string;
  /** A language named mid-sentence: "svenska" in Swedish and Danish, "Swedish" in English. */
  languageInText(code: string): string;
  touchpoint(key: string): string;
  relationship(value: string): string;
}

const labelSets = new Map<Language, ViewLabels>();

/** What people call the codes the domain stores, in one language; each list lives in its feature's module. */
export function viewLabels(lang: Language): ViewLabels {
  let labels = labelSets.get(lang);
  if (!labels) {
    const t = translate(lang, 'staff');
    labels = Object.freeze({
      mailKind: (kind: string) => mailKindLabel(kind, t),
      auditEvent: (event: string) => auditEventLabel(event, t),
      campaignStatus: Object.freeze(Object.fromEntries(CAMPAIGN_STATUSES.map((s) => [s, t(CAMPAIGN_STATUS_LABELS[s])]))),
      role: Object.freeze(Object.fromEntries(ROLES.map((r) => [r, t(ROLE_LABEL_KEYS[r])]))),
      language: (code: string) => languageLabel(code, lang),
      languageInText: (code: string) => languageInText(code, lang),
      touchpoint: (key: string) => touchpointLabel(key, t),
      relationship: (value: string) => relationshipLabel(value, t),
    });
    labelSets.set(lang, labels);
  }
  return labels;
}

export function readerLocals(_req: Request, res: Response, next: NextFunction): void {
  const user = res.locals.currentUser as CurrentUser | undefined;
  const organisation = res.locals.organisation as Organisation | undefined;
  const lang = resolveLanguage(user?.language, organisation?.language);
  res.locals.lang = lang;
  res.locals.t = translate(lang, 'staff');
  res.locals.fmt = formattersIn(organisation?.timeZone ?? 'UTC', lang);
  res.locals.labels = viewLabels(lang);
  next();
}
