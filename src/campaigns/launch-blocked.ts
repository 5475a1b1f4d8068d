/**
 * Why a campaign may not launch with a questionnaire: the texts missing in its audience's
 * languages, counted per language with the first few named. Pure. The message is the staff
 * catalogue's 'campaigns.errors.launchBlocked'; its details are written once in every language
 * (`detailsIn.<lang>`), since the same error reaches a page in its reader's language and the API in English.
 */
import type { MissingTranslation } from '../questionnaires/questionnaire';
import { languageLabel, LANGUAGES, translate, type Language } from '../shared/languages';

function detailsIn(reader: Language, gaps: readonly MissingTranslation[]): string {
  const t = translate(reader, 'staff');
  return LANGUAGES.map((lang) => gaps.filter((g) => g.lang === lang))
    .filter((missing) => missing.length)
    .map((missing) =>
      t('campaigns.errors.launchBlockedLanguage', {
        language: languageLabel(missing[0]!.lang, reader),
        count: missing.length,
        named: `${missing.slice(0, 3).map((g) => g.where).join('; ')}${missing.length > 3 ? '; …' : ''}`,
      }),
    )
    .join('. ');
}

/** The placeholders of 'campaigns.errors.launchBlocked' for these gaps. */
export function launchBlockedVars(gaps: readonly MissingTranslation[]): { detailsIn: Record<Language, string> } {
  return { detailsIn: Object.fromEntries(LANGUAGES.map((reader) => [reader, detailsIn(reader, gaps)])) };
}
