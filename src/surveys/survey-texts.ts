import { LANGUAGES, translate, type Language, type Translate } from '../shared/languages';

export type { Translate };

/** The respondent pages' texts in one language (locales/<lang>/respondent.json); built once at start-up. */
export function translator(lang: Language): Translate {
  return translate(lang, 'respondent');
}

const UNAVAILABLE_KEYS = {
  unknown: ['unavailable.unknown.title', 'unavailable.unknown.body'],
  revoked: ['unavailable.revoked.title', 'unavailable.revoked.body'],
  throttled: ['unavailable.throttled.title', 'unavailable.throttled.body'],
  badForm: ['unavailable.badForm.title', 'unavailable.badForm.body'],
} as const;
export type UnavailableReason = keyof typeof UNAVAILABLE_KEYS;

export interface UnavailableNotice {
  lang: Language;
  title: string;
  body: string;
}

// The reader's language is unknown on these pages, so they say it in every language, the default first.
const UNAVAILABLE = Object.fromEntries(
  Object.entries(UNAVAILABLE_KEYS).map(([reason, [title, body]]) => [
    reason,
    LANGUAGES.map((lang) => ({ lang, title: translator(lang)(title), body: translator(lang)(body) })),
  ]),
) as Record<UnavailableReason, UnavailableNotice[]>;

/** The notice of an unusable survey link in every language (registered for views as `unavailableNotices`). */
export function unavailableNotices(reason: UnavailableReason): UnavailableNotice[] {
  return UNAVAILABLE[reason] ?? UNAVAILABLE.unknown;
}
