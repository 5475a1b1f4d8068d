// Domain types of the problem catalogue (no I/O).

export interface CategoryNames {
  en: string;
  sv: string;
  da: string;
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
  campaignId: number;
}

/** How many hops of merged_into_id are followed; merges keep chains one hop long, this tolerates more. */
export const MAX_MERGE_HOPS = 20;
