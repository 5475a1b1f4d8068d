import type { Db } from '../db/database';
import { isAllowed } from '../auth/user.policy';
import type { Actor, CurrentUser } from '../auth/user';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import { LANGUAGES, textIn, type Language } from '../shared/languages';
import { Question, conditionProblem, parseSurveyDefinition, type QuestionType, type SurveyDefinition } from '../surveys/survey-definition';

type QuestionOfAny = Parameters<typeof conditionProblem>[1];
import { formatZodIssues } from '../surveys/template-loader';
import { buildCampaignSnapshot } from '../surveys/snapshot.service';
import type { CampaignSnapshot } from '../surveys/snapshot';
import {
  applyOrder,
  conditionTargets,
  countMissingByLanguage,
  diffDefinitions,
  emptyDefinition,
  findQuestion,
  idFromText,
  isLocalizedShape,
  incompatibleChange,
  missingTranslations,
  moveItem,
  nextVersionDefinition,
  parseAllowingGaps,
  parseDefinitionAllowingGaps,
  questionIds,
  slugFromTitle,
  type ConditionTarget,
  type DefinitionChanges,
  type DefinitionOrder,
  type MissingTranslation,
  type Questionnaire,
  type QuestionnaireVersion,
  type StoredDefinition,
  type StoredQuestion,
  type StoredSection,
} from './questionnaire';
import { convertQuestion, editorFieldErrors, questionFormValues, questionFromForm } from './questionnaire-form';
import { canEditQuestionnaires } from './questionnaire.policy';
import {
  countQuestionnaires,
  findCampaignWithAnswers,
  findLatestPublishedBySlug,
  findLatestVersion,
  findQuestionnaireById,
  findQuestionnaireBySlug,
  findVersion,
  insertQuestionnaire,
  insertVersion,
  listLatestPublished,
  listQuestionnaires,
  listQuestionnaireSlugs,
  listVersions,
  markVersionPublished,
  updateDraftDefinition,
  updateQuestionnaireTitle,
  updateRetiredIds,
} from './questionnaire.repository';
import { QuestionForm, type DetailsInput, type NewQuestionnaireInput, type QuestionFormInput, type QuestionTextsInput, type SectionInput } from './questionnaire.schemas';

/** The survey definitions campaigns launch with, by slug; kept in step with publishing. */
export type TemplateRegistry = Map<string, SurveyDefinition>;

function requireEditor(actor: Actor): void {
  if (!isAllowed(actor, canEditQuestionnaires)) throw new ForbiddenError('only quality managers and admins edit questionnaires');
}

function userIdOf(actor: Actor): number | null {
  return 'id' in actor ? actor.id : null;
}

async function findQuestionnaireOrThrow(db: Db, id: number): Promise<Questionnaire> {
  const questionnaire = await findQuestionnaireById(db, id);
  if (!questionnaire) throw new NotFoundError(`questionnaire ${id}`);
  return questionnaire;
}

async function latestVersionOrThrow(db: Db, questionnaireId: number): Promise<QuestionnaireVersion> {
  const version = await findLatestVersion(db, questionnaireId);
  if (!version) throw new NotFoundError(`questionnaire ${questionnaireId} has no version`);
  return version;
}

function titleOf(definition: StoredDefinition): Record<Language, string> {
  const title = (definition.title ?? {}) as Partial<Record<Language, string>>;
  return Object.fromEntries(LANGUAGES.map((l) => [l, title[l] ?? ''])) as Record<Language, string>;
}

/** The published definitions that campaigns use, one per questionnaire (its newest published version). */
export async function loadPublishedTemplates(db: Db): Promise<TemplateRegistry> {
  const registry: TemplateRegistry = new Map();
  for (const version of await listLatestPublished(db)) {
    const parsed = parseDefinitionAllowingGaps(version.definition);
    if (parsed.success) registry.set(version.definition.slug, parsed.data);
  }
  return registry;
}

export type ImportOutcome = 'created' | 'new version' | 'unchanged';

/**
 * Stores a validated definition (exactly as written) as a published version of the questionnaire
 * with its slug: a new questionnaire, a new version when its version number is higher than every
 * stored one, or nothing when that version is stored with the same content.
 * @throws ForbiddenError, ValidationError (invalid definition), ConflictError (version stored with other content)
 */
export async function importQuestionnaireDefinition(db: Db, actor: Actor, data: unknown, now: Date): Promise<{ slug: string; outcome: ImportOutcome }> {
  requireEditor(actor);
  const parsed = parseSurveyDefinition(data);
  if (!parsed.success) throw new ValidationError('invalid questionnaire', { json: formatZodIssues(parsed.error) });
  const definition = data as StoredDefinition;
  const { slug, version } = parsed.data;
  return db.transaction().execute(async (trx) => {
    const existing = await findQuestionnaireBySlug(trx, slug);
    if (!existing) {
      const id = await insertQuestionnaire(trx, { slug, title: parsed.data.title, createdBy: userIdOf(actor) }, now);
      await insertVersion(trx, { questionnaireId: id, number: version, status: 'published', definition, publishedBy: userIdOf(actor) }, now);
      return { slug, outcome: 'created' as const };
    }
    const same = await findVersion(trx, existing.id, version);
    if (same) {
      if (JSON.stringify(same.definition) === JSON.stringify(definition)) return { slug, outcome: 'unchanged' as const };
      throw new ConflictError('questionnaires.errors.versionStored', {}, { version, slug });
    }
    const latest = await findLatestVersion(trx, existing.id);
    if (latest && latest.number > version) {
      throw new ConflictError('questionnaires.errors.versionLower', {}, { slug, latest: latest.number });
    }
    await insertVersion(trx, { questionnaireId: existing.id, number: version, status: 'published', definition, publishedBy: userIdOf(actor) }, now);
    await updateQuestionnaireTitle(trx, existing.id, parsed.data.title, now);
    return { slug, outcome: 'new version' as const };
  });
}

/** Whether no questionnaire is stored yet (first start). */
export async function hasNoQuestionnaires(db: Db): Promise<boolean> {
  return (await countQuestionnaires(db)) === 0;
}

/** One row of the questionnaire list. */
export interface QuestionnaireSummary {
  id: number;
  title: string;
  publishedNumber: number | null;
  draftNumber: number | null;
  questions: number;
  missing: Record<Language, number>;
}

/**
 * Every questionnaire with its newest published version and open draft, each by its title in the
 * reader's language (English, else any language written) and in that language's alphabetical order.
 * @throws ForbiddenError
 */
export async function listQuestionnaireSummaries(db: Db, user: CurrentUser, lang: Language = 'en'): Promise<QuestionnaireSummary[]> {
  requireEditor(user);
  const out: QuestionnaireSummary[] = [];
  for (const q of await listQuestionnaires(db)) {
    const versions = await listVersions(db, q.id);
    const latest = versions[0];
    out.push({
      id: q.id,
      title: textIn(q.title, lang) || q.slug,
      publishedNumber: versions.find((v) => v.status === 'published')?.number ?? null,
      draftNumber: latest?.status === 'draft' ? latest.number : null,
      questions: latest ? questionIds(latest.definition).length : 0,
      missing: latest ? countMissingByLanguage(latest.definition) : { en: 0, sv: 0, da: 0 },
    });
  }
  return byTitle(out, (q) => q.title, lang);
}

/** Sorted by the title the reader sees, as their language sorts (å, ä, ö after z in Swedish; æ, ø, å in Danish). */
function byTitle<T>(items: T[], title: (item: T) => string, lang: Language): T[] {
  const collator = new Intl.Collator(lang, { sensitivity: 'base', numeric: true });
  return items.sort((a, b) => collator.compare(title(a), title(b)));
}

/** What the editor page shows. */
export interface EditorModel {
  questionnaire: Questionnaire;
  version: QuestionnaireVersion;
  versions: QuestionnaireVersion[];
  missing: Record<Language, number>;
}

/** The newest version of a questionnaire with its history. @throws ForbiddenError, NotFoundError */
export async function getQuestionnaireEditor(db: Db, user: CurrentUser, id: number): Promise<EditorModel> {
  requireEditor(user);
  const questionnaire = await findQuestionnaireOrThrow(db, id);
  const versions = await listVersions(db, id);
  const version = versions[0];
  if (!version) throw new NotFoundError(`questionnaire ${id} has no version`);
  return { questionnaire, version, versions, missing: countMissingByLanguage(version.definition) };
}

/**
 * A new questionnaire as a draft: empty, from a shipped template, or a copy of the newest version
 * of another questionnaire (its retired ids too, so the copy never reuses them).
 * @throws ForbiddenError, ValidationError (unknown template), NotFoundError (questionnaire to copy)
 */
export async function createQuestionnaire(db: Db, user: CurrentUser, input: NewQuestionnaireInput, shipped: ReadonlyMap<string, unknown>, now: Date): Promise<number> {
  requireEditor(user);
  return db.transaction().execute(async (trx) => {
    const slug = slugFromTitle(input.title.en ?? '', await listQuestionnaireSlugs(trx));
    let definition = emptyDefinition(slug, input.title);
    let retiredIds: string[] = [];
    if (input.start.startsWith('template:')) {
      const template = shipped.get(input.start.slice('template:'.length));
      if (!template) throw new ValidationError('unknown template', { start: ['questionnaires.errors.chooseTemplate'] });
      definition = { ...(structuredClone(template) as StoredDefinition), slug, version: 1, title: input.title };
    } else if (input.start.startsWith('copy:')) {
      const source = await findQuestionnaireOrThrow(trx, Number(input.start.slice('copy:'.length)));
      const latest = await latestVersionOrThrow(trx, source.id);
      definition = { ...structuredClone(latest.definition), slug, version: 1, title: input.title };
      retiredIds = source.retiredIds;
    }
    delete definition.$schema;
    const id = await insertQuestionnaire(trx, { slug, title: input.title, retiredIds, createdBy: user.id }, now);
    await insertVersion(trx, { questionnaireId: id, number: 1, status: 'draft', definition }, now);
    return id;
  });
}

/**
 * Runs an edit on the questionnaire's draft, starting a new draft (a copy of the newest version)
 * when the newest is published: a published version never changes.
 */
async function editDraft<R>(
  db: Db,
  user: CurrentUser,
  id: number,
  now: Date,
  edit: (definition: StoredDefinition, ctx: { trx: Db; questionnaire: Questionnaire; retire: (ids: string[]) => void }) => Promise<R> | R,
): Promise<R> {
  requireEditor(user);
  return db.transaction().execute(async (trx) => {
    const questionnaire = await findQuestionnaireOrThrow(trx, id);
    const latest = await latestVersionOrThrow(trx, id);
    let draftId = latest.id;
    const definition = latest.status === 'draft' ? structuredClone(latest.definition) : nextVersionDefinition(latest.definition, latest.number + 1);
    const retired = new Set(questionnaire.retiredIds);
    const before = retired.size;
    const result = await edit(definition, { trx, questionnaire, retire: (ids) => ids.forEach((i) => retired.add(i)) });
    if (latest.status === 'published') {
      draftId = await insertVersion(trx, { questionnaireId: id, number: latest.number + 1, status: 'draft', definition }, now);
    } else {
      await updateDraftDefinition(trx, draftId, definition, now);
    }
    if (retired.size !== before) await updateRetiredIds(trx, id, [...retired], now);
    return result;
  });
}

function sectionOrThrow(definition: StoredDefinition, sectionId: string): StoredSection {
  const section = definition.sections.find((s) => s.id === sectionId);
  if (!section) throw new NotFoundError(`section ${sectionId}`);
  return section;
}

function withOptional(target: Record<string, unknown>, key: string, texts: Record<Language, string>): void {
  if (LANGUAGES.some((l) => texts[l])) target[key] = texts;
  else delete target[key];
}

function requireSomeText(texts: Record<Language, string>, field: string): void {
  if (!LANGUAGES.some((l) => texts[l])) throw new ValidationError('text missing', { [field]: ['questionnaires.errors.someText'] });
}

/** Title and introduction of the questionnaire. @throws ForbiddenError, NotFoundError, ValidationError */
export async function updateQuestionnaireDetails(db: Db, user: CurrentUser, id: number, input: DetailsInput, now: Date): Promise<void> {
  requireSomeText(input.title, 'title');
  await editDraft(db, user, id, now, async (definition, { trx }) => {
    definition.title = input.title;
    withOptional(definition, 'intro', input.intro);
    // The default stays unwritten, so a file without "layout" exports as it was imported.
    if (input.layout === 'section_per_page' || definition.layout !== undefined) definition.layout = input.layout;
    await updateQuestionnaireTitle(trx, id, titleOf(definition), now);
  });
}

/** Adds a section at the end; its id comes from its first text. @throws ForbiddenError, NotFoundError, ValidationError */
export async function addSection(db: Db, user: CurrentUser, id: number, input: SectionInput, now: Date): Promise<string> {
  requireSomeText(input.title, 'title');
  return editDraft(db, user, id, now, (definition) => {
    const first = LANGUAGES.map((l) => input.title[l]).find(Boolean) ?? 'section';
    const sectionId = idFromText(first, definition.sections.map((s) => s.id), 'section');
    const section: StoredSection = { id: sectionId, title: input.title, questions: [] };
    withOptional(section, 'intro', input.intro);
    definition.sections.push(section);
    return sectionId;
  });
}

/** @throws ForbiddenError, NotFoundError, ValidationError */
export async function updateSection(db: Db, user: CurrentUser, id: number, sectionId: string, input: SectionInput, now: Date): Promise<void> {
  requireSomeText(input.title, 'title');
  await editDraft(db, user, id, now, (definition) => {
    const section = sectionOrThrow(definition, sectionId);
    section.title = input.title;
    withOptional(section, 'intro', input.intro);
  });
}

/**
 * Puts sections and questions in the order given (drag and drop, keyboard moves), every
 * position explicit. @throws ForbiddenError, NotFoundError, ValidationError (out of date, or a condition would come first)
 */
export async function reorderQuestionnaire(db: Db, user: CurrentUser, id: number, order: DefinitionOrder, now: Date): Promise<void> {
  await editDraft(db, user, id, now, (definition) => {
    const result = applyOrder(definition, order);
    // The field message stays English for logs; `condition` lets a page name both questions in the reader's language.
    if (!result.ok) throw new ValidationError(result.condition ? 'questionnaires.errors.conditionOrder' : 'order refused', { order: [result.message] }, result.condition ? { condition: result.condition } : {});
    definition.sections = result.definition.sections;
  });
}

/** @throws ForbiddenError, NotFoundError */
export async function moveSection(db: Db, user: CurrentUser, id: number, sectionId: string, direction: 'up' | 'down', now: Date): Promise<void> {
  await editDraft(db, user, id, now, (definition) => {
    sectionOrThrow(definition, sectionId);
    definition.sections = moveItem(definition.sections, definition.sections.findIndex((s) => s.id === sectionId), direction);
  });
}

/** Removes a section and its questions; their ids are retired. @throws ForbiddenError, NotFoundError, ConflictError (last section) */
export async function removeSection(db: Db, user: CurrentUser, id: number, sectionId: string, now: Date): Promise<void> {
  await editDraft(db, user, id, now, (definition, { retire }) => {
    const section = sectionOrThrow(definition, sectionId);
    if (definition.sections.length === 1) throw new ConflictError('questionnaires.errors.lastSection');
    retire(section.questions.map((q) => q.id));
    definition.sections = definition.sections.filter((s) => s !== section);
  });
}

/** A section of the newest version, for its edit form. @throws ForbiddenError, NotFoundError */
export async function getSection(db: Db, user: CurrentUser, id: number, sectionId: string, lang: Language = 'en'): Promise<{ questionnaire: Questionnaire; section: StoredSection; targets: ConditionTarget[] }> {
  requireEditor(user);
  const questionnaire = await findQuestionnaireOrThrow(db, id);
  const latest = await latestVersionOrThrow(db, id);
  return { questionnaire, section: sectionOrThrow(latest.definition, sectionId), targets: conditionTargets(latest.definition, { sectionId }, lang) };
}

/** A question of the newest version, for its edit form. @throws ForbiddenError, NotFoundError */
export async function getQuestion(db: Db, user: CurrentUser, id: number, questionId: string, lang: Language = 'en'): Promise<{ questionnaire: Questionnaire; question: StoredQuestion; sectionTitle: string; targets: ConditionTarget[] }> {
  requireEditor(user);
  const questionnaire = await findQuestionnaireOrThrow(db, id);
  const latest = await latestVersionOrThrow(db, id);
  const found = findQuestion(latest.definition, questionId);
  if (!found) throw new NotFoundError(`question ${questionId}`);
  const section = latest.definition.sections[found.section];
  return { questionnaire, question: found.question, sectionTitle: section ? textIn(section.title, lang) : '', targets: conditionTargets(latest.definition, { questionId }, lang) };
}

function checkQuestion(question: StoredQuestion, targets: ConditionTarget[]): void {
  const parsed = parseAllowingGaps(Question, question);
  if (!parsed.success) throw new ValidationError('invalid question', editorFieldErrors(parsed.error));
  const condition = parsed.data.showIf;
  if (!condition) return;
  const target = targets.find((t) => t.id === condition.question);
  const problem = conditionProblem(condition, target && ({ ...target, options: target.options.map((o) => ({ id: o.id })) } as unknown as QuestionOfAny));
  if (problem) {
    const field = problem.field === 'anyOf' ? 'showIfAnyOf' : problem.field === 'min' ? 'showIfMin' : 'showIfQuestion';
    const message = problem.field === 'question' ? 'questionnaires.errors.conditionQuestion' : problem.field === 'anyOf' ? 'questionnaires.errors.conditionOption' : 'questionnaires.errors.conditionRange';
    throw new ValidationError('invalid condition', { [field]: [message] });
  }
}

async function refuseIncompatibleChange(trx: Db, slug: string, before: StoredQuestion, after: StoredQuestion): Promise<void> {
  const what = incompatibleChange(before, after);
  if (!what) return;
  const campaign = await findCampaignWithAnswers(trx, slug, before.id);
  if (!campaign) return;
  // The field message stays English for the API and logs; pages show the key's text with `vars` (the routes' inReaderLanguage).
  const message =
    `This question already has answers in the campaign "${campaign}". Changing its ${what} would make those answers ` +
    'incomparable with new ones. Keep the ' + what + ', or add a new question and remove this one.';
  const key = what === 'type' ? 'questionnaires.errors.hasAnswersType' : 'questionnaires.errors.hasAnswersScale';
  throw new ValidationError(key, { [what]: [message] }, { campaign });
}

function allIdsOf(definition: StoredDefinition, questionnaire: Questionnaire): string[] {
  return [...questionIds(definition), ...questionnaire.retiredIds];
}

/**
 * Adds a question at the end of a section. Its id is made from its first text and is never one
 * in use or retired.
 * @throws ForbiddenError, NotFoundError, ValidationError (the question's fields)
 */
export async function addQuestion(db: Db, user: CurrentUser, id: number, sectionId: string, form: QuestionFormInput, now: Date): Promise<string> {
  return editDraft(db, user, id, now, (definition, { questionnaire }) => {
    const section = sectionOrThrow(definition, sectionId);
    const first = LANGUAGES.map((l) => form.text[l]).find(Boolean) ?? '';
    const questionId = idFromText(first, allIdsOf(definition, questionnaire));
    const question = questionFromForm(form, questionId, (t, taken) => idFromText(t, taken, 'option'));
    checkQuestion(question, conditionTargets(definition, { sectionId }));
    section.questions.push(question);
    return questionId;
  });
}

/**
 * Saves a question's fields. Another type keeps the texts and asks for the new type's fields
 * (returns 'retyped'). A type or scale change of a question with answers in a campaign is refused.
 * @throws ForbiddenError, NotFoundError, ValidationError (fields, or the refused change)
 */
export async function saveQuestion(db: Db, user: CurrentUser, id: number, questionId: string, form: QuestionFormInput, now: Date): Promise<'saved' | 'retyped'> {
  return editDraft(db, user, id, now, async (definition, { trx, questionnaire }) => {
    const found = findQuestion(definition, questionId);
    const section = found && definition.sections[found.section];
    if (!found || !section) throw new NotFoundError(`question ${questionId}`);
    if (form.type !== found.question.type) {
      const converted = convertQuestion(found.question, form.type as QuestionType);
      await refuseIncompatibleChange(trx, questionnaire.slug, found.question, converted);
      section.questions[found.index] = converted;
      return 'retyped';
    }
    const question = questionFromForm(form, questionId, (t, taken) => idFromText(t, [...taken, ...((found.question.options as { id: string }[] | undefined) ?? []).map((o) => o.id)], 'option'));
    checkQuestion(question, conditionTargets(definition, { questionId }));
    await refuseIncompatibleChange(trx, questionnaire.slug, found.question, question);
    section.questions[found.index] = question;
    return 'saved';
  });
}

/**
 * Saves a question's texts, help text and "required" (edited in place on the overview): the
 * question's other fields stay as they are, and the whole question is checked as its form would be.
 * Returns the saved question.
 * @throws ForbiddenError, NotFoundError, ValidationError (the question's fields)
 */
export async function saveQuestionTexts(db: Db, user: CurrentUser, id: number, questionId: string, input: QuestionTextsInput, now: Date): Promise<StoredQuestion> {
  requireEditor(user);
  const latest = await latestVersionOrThrow(db, id);
  const found = findQuestion(latest.definition, questionId);
  if (!found) throw new NotFoundError(`question ${questionId}`);
  const form = QuestionForm.parse({ ...questionFormValues(found.question), text: input.text, help: input.help, required: input.required });
  await saveQuestion(db, user, id, questionId, form, now);
  const saved = (await getQuestion(db, user, id, questionId)).question;
  return saved;
}

/**
 * Moves a question one place; past the top or bottom of its section it moves into the
 * neighbouring section. @throws ForbiddenError, NotFoundError
 */
export async function moveQuestion(db: Db, user: CurrentUser, id: number, questionId: string, direction: 'up' | 'down', now: Date): Promise<void> {
  await editDraft(db, user, id, now, (definition) => {
    const found = findQuestion(definition, questionId);
    const section = found && definition.sections[found.section];
    if (!found || !section) throw new NotFoundError(`question ${questionId}`);
    const atEdge = direction === 'up' ? found.index === 0 : found.index === section.questions.length - 1;
    const neighbour = definition.sections[found.section + (direction === 'up' ? -1 : 1)];
    if (!atEdge) section.questions = moveItem(section.questions, found.index, direction);
    else if (neighbour) {
      section.questions.splice(found.index, 1);
      if (direction === 'up') neighbour.questions.push(found.question);
      else neighbour.questions.unshift(found.question);
    }
  });
}

/** Removes a question; its id is retired and never given to another question. @throws ForbiddenError, NotFoundError */
export async function removeQuestion(db: Db, user: CurrentUser, id: number, questionId: string, now: Date): Promise<void> {
  await editDraft(db, user, id, now, (definition, { retire }) => {
    const found = findQuestion(definition, questionId);
    const section = found && definition.sections[found.section];
    if (!found || !section) throw new NotFoundError(`question ${questionId}`);
    section.questions.splice(found.index, 1);
    retire([questionId]);
  });
}

/** What must be known before publishing: problems that block it and translations still missing. */
export interface PublishReview {
  questionnaire: Questionnaire;
  version: QuestionnaireVersion;
  problems: string[];
  missing: MissingTranslation[];
  missingCounts: Record<Language, number>;
}

function definitionProblems(definition: StoredDefinition): string[] {
  const parsed = parseDefinitionAllowingGaps(definition);
  return parsed.success ? [] : formatZodIssues(parsed.error);
}

/** @throws ForbiddenError, NotFoundError */
export async function getPublishReview(db: Db, user: CurrentUser, id: number): Promise<PublishReview> {
  requireEditor(user);
  const questionnaire = await findQuestionnaireOrThrow(db, id);
  const version = await latestVersionOrThrow(db, id);
  return {
    questionnaire,
    version,
    problems: version.status === 'draft' ? definitionProblems(version.definition) : [],
    missing: missingTranslations(version.definition),
    missingCounts: countMissingByLanguage(version.definition),
  };
}

/**
 * Publishes the draft: the version is frozen and becomes what new campaigns of this
 * questionnaire launch with. Missing translations do not block publishing; they block the
 * launch of a campaign whose audience speaks that language.
 * @throws ForbiddenError, NotFoundError, ConflictError (nothing to publish), ValidationError (the definition is incomplete)
 */
export async function publishQuestionnaire(db: Db, user: CurrentUser, id: number, registry: TemplateRegistry, now: Date): Promise<number> {
  requireEditor(user);
  const published = await db.transaction().execute(async (trx) => {
    const questionnaire = await findQuestionnaireOrThrow(trx, id);
    const version = await latestVersionOrThrow(trx, id);
    if (version.status !== 'draft') throw new ConflictError('questionnaires.errors.alreadyPublished', {}, { number: version.number });
    const parsed = parseDefinitionAllowingGaps(version.definition);
    if (!parsed.success) throw new ValidationError('questionnaire incomplete', { _form: formatZodIssues(parsed.error) });
    await markVersionPublished(trx, version.id, user.id, now);
    return { slug: questionnaire.slug, number: version.number, definition: parsed.data };
  });
  registry.set(published.slug, published.definition);
  return published.number;
}

/** One version exactly as stored, in the survey file format. @throws ForbiddenError, NotFoundError */
export async function exportQuestionnaireVersion(db: Db, user: CurrentUser, id: number, number?: number): Promise<{ slug: string; definition: StoredDefinition }> {
  requireEditor(user);
  const questionnaire = await findQuestionnaireOrThrow(db, id);
  const version = number === undefined ? await latestVersionOrThrow(db, id) : await findVersion(db, id, number);
  if (!version) throw new NotFoundError(`questionnaire ${id} version ${number}`);
  return { slug: questionnaire.slug, definition: version.definition };
}

/**
 * What changed between two versions (default: the previous and the newest).
 * @throws ForbiddenError, NotFoundError
 */
export async function getVersionChanges(db: Db, user: CurrentUser, id: number, from?: number, to?: number, lang: Language = 'en'): Promise<{ questionnaire: Questionnaire; from: QuestionnaireVersion | undefined; to: QuestionnaireVersion; versions: QuestionnaireVersion[]; changes: DefinitionChanges }> {
  requireEditor(user);
  const questionnaire = await findQuestionnaireOrThrow(db, id);
  const versions = await listVersions(db, id);
  const newest = versions[0];
  if (!newest) throw new NotFoundError(`questionnaire ${id} has no version`);
  const toVersion = to === undefined ? newest : versions.find((v) => v.number === to);
  if (!toVersion) throw new NotFoundError(`questionnaire ${id} version ${to}`);
  const fromVersion = from === undefined ? versions.find((v) => v.number < toVersion.number) : versions.find((v) => v.number === from);
  if (from !== undefined && !fromVersion) throw new NotFoundError(`questionnaire ${id} version ${from}`);
  const changes = diffDefinitions(fromVersion?.definition ?? { sections: [] }, toVersion.definition, lang);
  return { questionnaire, from: fromVersion, to: toVersion, versions, changes };
}

/**
 * A version resolved as a launch would resolve it, for the preview. Stores nothing.
 * @throws ForbiddenError, NotFoundError, ConflictError (the draft is not complete enough to show)
 */
export async function previewQuestionnaire(db: Db, user: CurrentUser, id: number, number: number | undefined, now: Date): Promise<{ questionnaire: Questionnaire; version: QuestionnaireVersion; snapshot: CampaignSnapshot }> {
  requireEditor(user);
  const questionnaire = await findQuestionnaireOrThrow(db, id);
  const version = number === undefined ? await latestVersionOrThrow(db, id) : await findVersion(db, id, number);
  if (!version) throw new NotFoundError(`questionnaire ${id} version ${number}`);
  const parsed = parseDefinitionAllowingGaps(version.definition);
  if (!parsed.success) {
    const lines = formatZodIssues(parsed.error);
    // `problems` for the API and logs; `lines` lets a page show each one in the reader's language.
    throw new ConflictError('questionnaires.errors.notPreviewable', {}, { problems: lines.join('; '), lines });
  }
  return { questionnaire, version, snapshot: await buildCampaignSnapshot(db, parsed.data, now) };
}

/** The shipped templates and questionnaires a new questionnaire may start from. @throws ForbiddenError */
export async function getNewQuestionnaireChoices(
  db: Db,
  user: CurrentUser,
  shipped: ReadonlyMap<string, { title?: unknown }>,
  lang: Language = 'en',
): Promise<{ templates: { value: string; label: string }[]; questionnaires: { value: string; label: string }[] }> {
  requireEditor(user);
  // Each by its title in the reader's language (English, else any language written); the slug only when none is.
  const titled = (title: unknown, slug: string) => (isLocalizedShape(title) && textIn(title, lang)) || slug;
  return {
    templates: [...shipped.entries()].map(([slug, d]) => ({ value: `template:${slug}`, label: titled(d.title, slug) })),
    questionnaires: byTitle((await listQuestionnaires(db)).map((q) => ({ value: `copy:${q.id}`, label: titled(q.title, q.slug) })), (q) => q.label, lang),
  };
}

/**
 * The newest published definition of a questionnaire, as a launch uses it (the caller has
 * authorized the launch); undefined when no version of it is published.
 */
export async function findPublishedDefinition(db: Db, slug: string): Promise<SurveyDefinition | undefined> {
  const version = await findLatestPublishedBySlug(db, slug);
  if (!version) return undefined;
  const parsed = parseDefinitionAllowingGaps(version.definition);
  return parsed.success ? parsed.data : undefined;
}
