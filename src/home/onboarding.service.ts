import type { Db } from '../db/database';
import type { CurrentUser } from '../auth/user';
import { canAdminister, canManageSurveys } from '../auth/user.policy';
import { countTeams } from '../accounts/team.repository';
import { countCampaigns } from '../campaigns/campaign.repository';
import { findSetting } from '../settings/setting.repository';
import { countContacts, countVersionsPublishedByPeople } from './onboarding.repository';
import { ORGANISATION_NAME_SETTING, onboardingSteps, type OnboardingStep } from './onboarding';

export interface Onboarding {
  steps: OnboardingStep[];
  done: number;
  /** The first step not done, or null when all are. */
  next: OnboardingStep | null;
}

/**
 * The first-start checklist for those who set an installation up (admins and quality managers);
 * null for everyone else and once every step is done.
 */
export async function getOnboarding(db: Db, user: CurrentUser): Promise<Onboarding | null> {
  if (!canManageSurveys(user)) return null;
  const [organisationName, teams, contacts, questionnairesPublishedByPeople, campaigns] = await Promise.all([
    findSetting(db, ORGANISATION_NAME_SETTING),
    countTeams(db),
    countContacts(db),
    countVersionsPublishedByPeople(db),
    countCampaigns(db),
  ]);
  const steps = onboardingSteps({ organisationName, teams, contacts, questionnairesPublishedByPeople, campaigns }, canAdminister(user));
  const done = steps.filter((s) => s.isDone).length;
  if (done === steps.length) return null;
  return { steps, done, next: steps.find((s) => !s.isDone) ?? null };
}
