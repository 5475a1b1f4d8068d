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
  /** Staff catalogue keys of the step's title and description. */
  title: string;
  description: string;
  isDone: boolean;
  /** The page that does it, when the user may do it (label: a catalogue key); else who does (a key). */
  action: { href: string; label: string } | { doneBy: string };
}

const ADMIN_DOES = { doneBy: 'home.onboarding.adminDoes' };

/**
 * The five steps with what is done. The questionnaire counts as picked once a campaign exists
 * (creating one picks its questionnaire) or a person has published one.
 */
export function onboardingSteps(facts: OnboardingFacts, isAdmin: boolean): OnboardingStep[] {
  return [
    {
      key: 'organisation',
      title: 'home.onboarding.organisation.title',
      description: 'home.onboarding.organisation.description',
      isDone: Boolean(facts.organisationName?.trim()),
      action: isAdmin ? { href: '/admin/organisation', label: 'home.onboarding.organisation.action' } : ADMIN_DOES,
    },
    {
      key: 'teams',
      title: 'home.onboarding.teams.title',
      description: 'home.onboarding.teams.description',
      isDone: facts.teams > 0,
      action: isAdmin ? { href: '/admin/teams/new', label: 'home.onboarding.teams.action' } : ADMIN_DOES,
    },
    {
      key: 'contacts',
      title: 'home.onboarding.contacts.title',
      description: 'home.onboarding.contacts.description',
      isDone: facts.contacts > 0,
      action: { href: '/customers/import', label: 'home.onboarding.contacts.action' },
    },
    {
      key: 'questionnaire',
      title: 'home.onboarding.questionnaire.title',
      description: 'home.onboarding.questionnaire.description',
      isDone: facts.questionnairesPublishedByPeople > 0 || facts.campaigns > 0,
      action: { href: '/questionnaires', label: 'home.onboarding.questionnaire.action' },
    },
    {
      key: 'campaign',
      title: 'home.onboarding.campaign.title',
      description: 'home.onboarding.campaign.description',
      isDone: facts.campaigns > 0,
      action: { href: '/campaigns/new', label: 'home.onboarding.campaign.action' },
    },
  ];
}
