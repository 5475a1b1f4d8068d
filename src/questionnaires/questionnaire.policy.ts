import type { CurrentUser } from '../auth/user';
import { canManageSurveys } from '../auth/user.policy';

/** Questionnaires are built, translated and published by quality managers (and admins). */
export function canEditQuestionnaires(user: CurrentUser): boolean {
  return canManageSurveys(user);
}
