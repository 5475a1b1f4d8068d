import { CampaignForm } from '../../src/campaigns/campaign.schemas';
import { DEFAULT_MAIL } from '../../src/campaigns/campaign';
import { SURVEY_LANGUAGES } from '../../src/shared/languages';

const base = { name: 'Annual 2026', template: 'annual-pds', closesAt: '2099-01-31' };
const mailFields = () => Object.fromEntries(SURVEY_LANGUAGES.flatMap((l) => [[`subject_${l}`, DEFAULT_MAIL[l]!.subject], [`body_${l}`, DEFAULT_MAIL[l]!.body]]));

describe('the campaign form', () => {
  it('has a subject and a body field for every survey language and keeps each language’s invitation', () => {
    expect(SURVEY_LANGUAGES.length).toBeGreaterThanOrEqual(3);
    const parsed = CampaignForm.parse({ ...base, ...mailFields() });
    expect(Object.keys(parsed.mail).sort()).toEqual([...SURVEY_LANGUAGES].sort());
    for (const l of SURVEY_LANGUAGES) expect(parsed.mail[l]).toEqual({ subject: DEFAULT_MAIL[l]!.subject, body: DEFAULT_MAIL[l]!.body });
  });

  it('asks for the subject in each survey language when it is missing', () => {
    for (const l of SURVEY_LANGUAGES) {
      const fields = mailFields();
      delete fields[`subject_${l}`];
      const result = CampaignForm.safeParse({ ...base, ...fields, [`subject_${l}`]: '' });
      expect(result.success).toBe(false);
      expect(result.error!.issues.map((i) => i.path.join('.'))).toEqual([`subject_${l}`]);
      expect(result.error!.issues[0]!.message).toBe('campaigns.errors.enterSubject');
    }
  });
});
