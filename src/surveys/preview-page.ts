import { blankQuestionCache } from './blank-questions';
import { stepLocals } from './survey-steps';
import { translator } from './survey-texts';
import type { Localized } from './survey-definition';
import type { CampaignSnapshot } from './snapshot';
import { LANGUAGE_NAMES, LANGUAGES, textIn, type Language } from '../shared/languages';

/** Where a preview's language links and its way back point. */
export interface PreviewLinks {
  /** The same preview in another language. */
  languageHref: (lang: Language) => string;
  /** The step shown, and the link to another step (one section per page). */
  step: number;
  stepHref: (step: number) => string;
  backHref: string;
  backLabel: string;
}

/**
 * The locals of `survey/form` for a questionnaire shown in preview mode (a test mail's sample
 * link, the editor's preview): blank, with no form action, so nothing can be saved or sent.
 */
export function surveyPreviewLocals(snapshot: CampaignSnapshot, lang: Language, links: PreviewLinks): Record<string, unknown> {
  const t = translator(lang);
  const def = snapshot.definition;
  const collator = new Intl.Collator(lang);
  return {
    lang,
    t,
    localized: (text: Localized) => text[lang],
    pageTitle: def.title[lang] || def.title.en,
    headerName: t('surveyBy'),
    languageLinks: LANGUAGES.map((l) => ({ lang: l, name: LANGUAGE_NAMES[l], href: links.languageHref(l) })),
    snapshot,
    ...stepLocals(def, {}, [], links.step, links.stepHref),
    catalogue: [...snapshot.catalogue].sort((a, b) => collator.compare(textIn(a.name, lang), textIn(b.name, lang))),
    raw: {},
    notice: undefined,
    action: null,
    isSubmitted: false,
    isPreview: true,
    question: blankQuestionCache(snapshot, lang, {}, []),
    submitLabel: t('submit'),
    showSave: true,
    backHref: links.backHref,
    backLabel: links.backLabel,
  };
}
