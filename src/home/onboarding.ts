/** The first-start checklist: what an empty installation needs, in order (no I/O). */

export const ORGANISATION_NAME_SETTING = 'organisation_name';

export type OnboardingStepKey = 'organisation' | 'teams' | 'contacts' | 'questionnaire' | 'campaign';

/** What the checklist is computed from. */
export interface OnboardingFacts {
  organisationName: string | undefined;
  teams: number;
  contacts: number;
  /** Questionnaires a person has published (the ones imported on first start do not count). */
  questionnairesPublishedByPeople: number;
  campaigns: number;
}

export interface OnboardingStep {
  key: OnboardingStepKey;
  title: string;
  description: string;
  isDone: boolean;
  /** The page that does it, when the user may do it; else who does. */
  action: { href: string; label: string } | { doneBy: string };
}

const ADMIN_DOES = { doneBy: 'An admin does this step.' };

/**
 * The five steps with what is done. The questionnaire counts as picked once a campaign exists
 * (creating one picks its questionnaire) or a person has published one.
 */
export function onboardingSteps(facts: OnboardingFacts, isAdmin: boolean): OnboardingStep[] {
  return [
    {
      key: 'organisation',
      title: "Set your organisation's name and sender",
      description: 'Respondents see who is asking: the company name, and the sender and reply-to address of every mail.',
      isDone: Boolean(facts.organisationName?.trim()),
      action: isAdmin ? { href: '/admin/organisation', label: 'Organisation settings' } : ADMIN_DOES,
    },
    {
      key: 'teams',
      title: 'Create the teams',
      description: 'The teams that own problems (Logistics, Billing…): top problems become their tickets.',
      isDone: facts.teams > 0,
      action: isAdmin ? { href: '/admin/teams/new', label: 'Add a team' } : ADMIN_DOES,
    },
    {
      key: 'contacts',
      title: 'Import your customer contacts',
      description: 'Upload a CSV of customer accounts and their contacts, in the language each one reads.',
      isDone: facts.contacts > 0,
      action: { href: '/customers/import', label: 'Import contacts' },
    },
    {
      key: 'questionnaire',
      title: 'Build or pick the questionnaire',
      description: 'The annual PDS questionnaire is ready to use; adapt it or build your own, then publish it.',
      isDone: facts.questionnairesPublishedByPeople > 0 || facts.campaigns > 0,
      action: { href: '/questionnaires', label: 'Questionnaires' },
    },
    {
      key: 'campaign',
      title: 'Create the first campaign',
      description: 'Choose who is asked and when, check the invitation mail, send yourself a test, then launch.',
      isDone: facts.campaigns > 0,
      action: { href: '/campaigns/new', label: 'New campaign' },
    },
  ];
}
