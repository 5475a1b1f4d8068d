import { translate } from '../../src/shared/languages';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../src/db/database';
import type { CurrentUser } from '../../src/auth/user';
import { SURVEYS_DIR } from '../../src/paths';
import { ConflictError, ValidationError } from '../../src/shared/errors';
import { createCampaign, launchCampaign } from '../../src/campaigns/campaign.service';
import { findCampaignById } from '../../src/campaigns/campaign.repository';
import { importQuestionnaireFiles, startingTemplates } from '../../src/questionnaires/questionnaire-import.service';
import {
  createQuestionnaire,
  exportQuestionnaireVersion,
  getQuestion,
  listQuestionnaireSummaries,
  publishQuestionnaire,
  saveQuestion,
  type TemplateRegistry,
} from '../../src/questionnaires/questionnaire.service';
import { questionFormValues } from '../../src/questionnaires/questionnaire-form';
import { QuestionForm } from '../../src/questionnaires/questionnaire.schemas';
import { findQuestionnaireBySlug } from '../../src/questionnaires/questionnaire.repository';
import { parseSnapshot } from '../../src/surveys/snapshot';
import { createUser } from '../support/factories';
import { createCategories } from '../support/survey-factories';
import { campaignInput, createContact, createCustomer, createDraftCampaign, ctx, testSystem } from '../support/campaign-factories';
import { eachTestGets } from '../support/per-test';

const NOW = new Date('2026-03-02T09:00:00Z');
const SHIPPED = fs.readdirSync(SURVEYS_DIR).filter((f) => f.endsWith('.json') && f !== 'schema.json');

describe('questionnaires in the database', () => {
  let db: Db;
  let manager: CurrentUser;
  eachTestGets({}, (w) => ({ db } = w));
  beforeEach(async () => {
    await createCategories(db);
    const user = await createUser(db, { role: 'manager' });
    manager = { id: user.id, email: user.email, name: 'QM', role: 'manager', teamIds: [] };
  });

  async function snapshotOf(campaignId: number): Promise<string | null> {
    const row = await db.selectFrom('campaign').select('definition').where('id', '=', campaignId).executeTakeFirstOrThrow();
    return row.definition;
  }

  async function questionnaireId(slug: string): Promise<number> {
    const q = await findQuestionnaireBySlug(db, slug);
    if (!q) throw new Error(`no questionnaire ${slug}`);
    return q.id;
  }

  /** Saves a question through the editor's form: `change` edits the form values. */
  async function editQuestion(id: number, questionId: string, change: (values: Record<string, unknown>) => void, registry?: TemplateRegistry) {
    const { question } = await getQuestion(db, manager, id, questionId);
    const values = questionFormValues(question);
    change(values);
    const outcome = await saveQuestion(db, manager, id, questionId, QuestionForm.parse(values), NOW);
    if (registry) await publishQuestionnaire(db, manager, id, registry, NOW);
    return outcome;
  }

  it.each(SHIPPED)('round trip: %s → database → export equals the file', async (file) => {
    const report = await importQuestionnaireFiles(db, testSystem, path.join(SURVEYS_DIR, file), NOW);
    expect(report.failed).toBe(0);
    const input = JSON.parse(fs.readFileSync(path.join(SURVEYS_DIR, file), 'utf8'));
    const { definition } = await exportQuestionnaireVersion(db, manager, await questionnaireId(input.slug), input.version);
    expect(definition).toEqual(input);
    expect(JSON.stringify(definition)).toBe(JSON.stringify(input));
  });

  it('imports the shipped files on the first start only, and reports a bad file by file and field', async () => {
    const templates = await startingTemplates(db, testSystem, SURVEYS_DIR, new Map(), NOW);
    expect([...templates.keys()].sort()).toEqual(SHIPPED.map((f) => f.replace(/\.json$/, '')).sort());
    expect((await listQuestionnaireSummaries(db, manager)).map((q) => [q.title, q.publishedNumber])).toEqual([['Annual customer survey', 1], ['Annual satisfaction survey', 2], ['Which problems should we solve first?', 1]]);
    const again = await importQuestionnaireFiles(db, testSystem, SURVEYS_DIR, NOW);
    expect(again.lines.every((l) => l.endsWith('unchanged'))).toBe(true);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pds-import-'));
    const pds = JSON.parse(fs.readFileSync(path.join(SURVEYS_DIR, 'pds.json'), 'utf8'));
    delete pds.sections[0].title.sv;
    fs.writeFileSync(path.join(dir, 'pds.json'), JSON.stringify(pds));
    const report = await importQuestionnaireFiles(db, testSystem, dir, NOW);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(report.failed).toBe(1);
    expect(report.lines).toEqual([expect.stringMatching(/pds\.json: sections\[0\]\.title\.sv: Required/)]);
  });

  it('publishing freezes: a launched campaign keeps its snapshot after the questionnaire is edited and republished', async () => {
    const registry = await startingTemplates(db, testSystem, SURVEYS_DIR, new Map(), NOW);
    const customer = await createCustomer(db, { language: 'sv' });
    await createContact(db, customer, { language: 'sv' });
    const campaignId = await createDraftCampaign(db, NOW, { template: 'annual-pds' });
    await launchCampaign(db, testSystem, campaignId, ctx, NOW);
    const before = await snapshotOf(campaignId);

    const id = await questionnaireId('annual-pds');
    await editQuestion(id, 'overall_satisfaction', (v) => ((v.text as Record<string, string>).sv = 'Hur nöjd är du, allt som allt?'), registry);

    const after = await snapshotOf(campaignId);
    expect(after).toEqual(before);
    expect(registry.get('annual-pds')?.version).toBe(2);
    expect(registry.get('annual-pds')?.sections[0]?.questions[0]?.text.sv).toBe('Hur nöjd är du, allt som allt?');

    const next = await createDraftCampaign(db, NOW, { name: 'Next wave', template: 'annual-pds' });
    await createContact(db, await createCustomer(db, { language: 'sv' }), { language: 'sv' });
    await launchCampaign(db, testSystem, next, ctx, NOW);
    expect(parseSnapshot((await snapshotOf(next)) ?? '').definition.version).toBe(2);
    expect(parseSnapshot(before ?? '').definition.version).toBe(1);
  });

  it('refuses to change the type or scale of a question that has answers in a campaign', async () => {
    const registry = await startingTemplates(db, testSystem, SURVEYS_DIR, new Map(), NOW);
    const customer = await createCustomer(db);
    await createContact(db, customer);
    const campaignId = await createDraftCampaign(db, NOW, { name: 'Wave 2026', template: 'annual-pds' });
    await launchCampaign(db, testSystem, campaignId, ctx, NOW);
    const invitation = await db.selectFrom('invitation').select(['id', 'contact_id']).where('campaign_id', '=', campaignId).executeTakeFirstOrThrow();
    const response = await db
      .insertInto('response')
      .values({ invitation_id: invitation.id, campaign_id: campaignId, customer_id: customer, contact_id: invitation.contact_id, language: 'en', status: 'submitted', started_at: NOW.toISOString(), updated_at: NOW.toISOString(), submitted_at: NOW.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('answer_value').values({ response_id: response.id, campaign_id: campaignId, question_id: 'rating_delivery', value: 4 }).execute();

    const id = await questionnaireId('annual-pds');
    const typeChange = editQuestion(id, 'rating_delivery', (v) => (v.type = 'text'));
    await expect(typeChange).rejects.toBeInstanceOf(ValidationError);
    await expect(typeChange).rejects.toMatchObject({ fields: { type: [expect.stringContaining('already has answers in the campaign "Wave 2026"')] } });
    await expect(editQuestion(id, 'rating_delivery', (v) => (v.scale = '7'))).rejects.toMatchObject({ fields: { scale: [expect.stringContaining('Changing its scale')] } });
    // Rewording is fine, and so is changing a question without answers.
    await expect(editQuestion(id, 'rating_delivery', (v) => ((v.text as Record<string, string>).en = 'How was delivery?'))).resolves.toBe('saved');
    await expect(editQuestion(id, 'rating_support', (v) => (v.scale = '7'))).resolves.toBe('saved');
    expect(registry.get('annual-pds')?.version).toBe(1);
  });

  it('blocks the launch while the questionnaire misses a language of the audience', async () => {
    const registry: TemplateRegistry = new Map();
    const id = await createQuestionnaire(db, manager, { title: { en: 'Partner survey', sv: 'Partnerenkät', da: '' }, start: 'template:pds' }, new Map([['pds', JSON.parse(fs.readFileSync(path.join(SURVEYS_DIR, 'pds.json'), 'utf8'))]]), NOW);
    await publishQuestionnaire(db, manager, id, registry, NOW);
    const customer = await createCustomer(db, { language: 'da' });
    await createContact(db, customer, { language: 'da' });
    const campaignId = await createCampaign(db, manager, campaignInput({ template: 'partner-survey' }), { ...ctx, templates: registry }, NOW);

    const launch = launchCampaign(db, testSystem, campaignId, ctx, NOW);
    await expect(launch).rejects.toBeInstanceOf(ConflictError);
    // The message is a staff catalogue key; in English it names the language and the text missing.
    const refused = (await launch.catch((e: unknown) => e)) as ConflictError;
    expect(translate('en', 'staff')(refused.message, refused.vars)).toMatch(/Danish: 1 text missing \(Questionnaire title\)/);
    expect((await findCampaignById(db, campaignId))?.status).toBe('draft');

    // The same questionnaire launches to an audience that reads English and Swedish only.
    await db.deleteFrom('contact').execute();
    await createContact(db, await createCustomer(db, { language: 'sv' }), { language: 'sv' });
    await expect(launchCampaign(db, testSystem, campaignId, ctx, NOW)).resolves.toMatchObject({ invited: 1 });
  });
});
