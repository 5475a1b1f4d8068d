import type { Localized } from './survey-definition';
import { allQuestions, SurveyDefinition, type Question } from './survey-definition';
import type { CatalogueEntry } from './snapshot.repository';
import { translate } from '../shared/languages';

/** A catalogue category as the survey showed it. */
export interface SnapshotCategory {
  id: number;
  name: Localized;
}

/**
 * What a campaign was launched with: the definition (with "active" catalogue references
 * resolved to ids) and the catalogue items it showed, so later edits never change it.
 */
export interface CampaignSnapshot {
  definition: SurveyDefinition;
  catalogue: SnapshotCategory[];
  takenAt: string;
}

/**
 * The snapshot of a definition against a catalogue: "active" becomes the ids of the active
 * categories, and the catalogue keeps only the categories some question shows. With nothing to
 * show (an empty catalogue), a rating of catalogue problems is left out (and a section it leaves
 * empty, while another remains) and a problem list offers no "pick from the list". Its help
 * keeps everything but that wording ("…, or pick them from the list", as each language's
 * respondent texts write it); the problem list's own hints (how to rank) still show.
 */
/** A problem list's help without the words that point to the list to pick from, in each language. */
function withoutPickWording(help: Localized): Localized {
  return Object.fromEntries(Object.entries(help).map(([lang, text]) => [lang, typeof text === 'string' ? text.replace(translate(lang, 'respondent')('problemHelpPickWording'), '') : text]));
}

export function resolveSnapshot(definition: SurveyDefinition, categories: readonly CatalogueEntry[], now: Date): CampaignSnapshot {
  const active = categories.filter((c) => c.isActive).map((c) => c.id);
  const known = new Set(categories.map((c) => c.id));
  const resolved: SurveyDefinition = structuredClone(definition);
  const shown = new Set<number>();
  for (const question of allQuestions(resolved)) {
    if (question.type === 'problem_rating') {
      if (question.categories === 'active') question.categories = active;
      question.categories.forEach((id) => shown.add(id));
    }
    if (question.type === 'problem_list' && question.allowCatalogue) {
      if (active.length === 0 && question.allowOwnWords) {
        question.allowCatalogue = false;
        if (question.help) question.help = withoutPickWording(question.help);
      }
      active.forEach((id) => shown.add(id));
    }
  }
  const asksAboutNothing = (q: Question) => q.type === 'problem_rating' && Array.isArray(q.categories) && !q.categories.some((id) => known.has(id));
  if (allQuestions(resolved).some(asksAboutNothing)) {
    const kept = resolved.sections.map((section) => ({ ...section, questions: section.questions.filter((q) => !asksAboutNothing(q)) }));
    const nonEmpty = kept.filter((section) => section.questions.length > 0);
    resolved.sections = nonEmpty.length > 0 ? nonEmpty : kept;
  }
  const catalogue = categories.filter((c) => shown.has(c.id)).map((c) => ({ id: c.id, name: c.name }));
  return { definition: resolved, catalogue, takenAt: now.toISOString() };
}

export function parseSnapshot(json: string): CampaignSnapshot {
  return JSON.parse(json) as CampaignSnapshot;
}

// Parsed snapshots by campaign. A launched snapshot never changes, but the entry is still
// compared by its text, so a campaign id reused (an emptied test database) never sees another
// campaign's snapshot. Bounded, oldest out first.
const SNAPSHOT_CACHE_SIZE = 100;
const launched = new Map<number, { json: string; snapshot: CampaignSnapshot }>();

/**
 * The parsed snapshot of a launched campaign, shared between requests: it is deeply frozen,
 * so code that tried to change it would throw instead of changing every later request's copy.
 */
export function launchedSnapshot(campaignId: number, json: string): CampaignSnapshot {
  const cached = launched.get(campaignId);
  if (cached?.json === json) return cached.snapshot;
  const snapshot = deepFreeze(parseSnapshot(json));
  launched.delete(campaignId);
  if (launched.size >= SNAPSHOT_CACHE_SIZE) launched.delete(launched.keys().next().value!);
  launched.set(campaignId, { json, snapshot });
  return snapshot;
}

// Launched snapshots by database and campaign, known by the campaign's launch time: its
// definition is written once, by the launch that sets launched_at, so the respondent's hot read
// need not fetch the definition's text (about 15 kB) on every request. Keyed by the database
// handle too: another database (a test's) may hold another campaign under the same id and time.
const launchedByDatabase = new WeakMap<object, Map<number, { launchedAt: string; snapshot: CampaignSnapshot }>>();

/** The snapshot of the campaign launched at `launchedAt` in this database, if already parsed. */
export function knownLaunchedSnapshot(database: object, campaignId: number, launchedAt: string): CampaignSnapshot | undefined {
  const known = launchedByDatabase.get(database)?.get(campaignId);
  return known?.launchedAt === launchedAt ? known.snapshot : undefined;
}

/** Parses (or shares, see launchedSnapshot) the snapshot and keeps it for knownLaunchedSnapshot. */
export function rememberLaunchedSnapshot(database: object, campaignId: number, launchedAt: string, json: string): CampaignSnapshot {
  const snapshot = launchedSnapshot(campaignId, json);
  let known = launchedByDatabase.get(database);
  if (known === undefined) {
    known = new Map();
    launchedByDatabase.set(database, known);
  }
  known.delete(campaignId);
  if (known.size >= SNAPSHOT_CACHE_SIZE) known.delete(known.keys().next().value!);
  known.set(campaignId, { launchedAt, snapshot });
  return snapshot;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
