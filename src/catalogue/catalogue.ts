// Domain types of the problem catalogue (no I/O).
import { LANGUAGES, textIn, type Language } from '../shared/languages';

/**
 * A category's name per language code (problem_category_name): every language of locales/ when
 * saved through the form or the API; a language added later has none until someone writes it.
 */
export type CategoryNames = Readonly<Record<Language, string>>;

/** The name in a language, else in English (the default), else in any language. */
export function categoryNameIn(names: CategoryNames, lang: Language): string {
  return textIn(names, lang);
}

/** A name for every language of locales/, each falling back as categoryNameIn does (for a survey or a report). */
export function namesInEveryLanguage(names: CategoryNames): Record<Language, string> {
  return Object.fromEntries(LANGUAGES.map((l) => [l, categoryNameIn(names, l)]));
}

export interface Category {
  id: number;
  names: CategoryNames;
  description: string | null;
  keywords: string[];
  teamId: number | null;
  teamName: string | null;
  isActive: boolean;
  /** Set once the category was merged: the category it now resolves to. */
  mergedIntoId: number | null;
  createdAt: string;
  updatedAt: string;
}

/** What a manager sets when adding or editing a category. */
export interface CategoryValues {
  names: CategoryNames;
  description: string | null;
  keywords: string[];
  teamId: number | null;
}

/** The problem mention a new category is started from. */
export interface MentionSource {
  id: number;
  text: string;
  /** The language the mention was written in. */
  language: string;
  campaignId: number;
}

/** How many hops of merged_into_id are followed; merges keep chains one hop long, this tolerates more. */
export const MAX_MERGE_HOPS = 20;

/**
 * The languages in which `names` repeats another category's name (case and outer spaces aside):
 * two categories called the same would split one problem's mentions, ranks and tickets in two.
 */
export function languagesOfTakenNames(names: CategoryNames, others: readonly { language: string; name: string }[]): Language[] {
  const key = (name: string) => name.trim().toLocaleLowerCase();
  const taken = new Set(others.map((o) => `${o.language}\u0000${key(o.name)}`));
  return (Object.entries(names) as [Language, string][]).filter(([language, name]) => name.trim() && taken.has(`${language}\u0000${key(name)}`)).map(([language]) => language);
}
