import type { ColumnType, Generated } from 'kysely';

/** A guess round of a campaign (db/migrations/0020_guess_rounds). */
export interface GuessRoundTable {
  id: Generated<number>;
  campaign_id: number;
  list_size: number;
  state: ColumnType<string, string | undefined, string>;
  revealed_ranking: string | null;
  created_by: number | null;
  created_at: string;
  revealed_by: number | null;
  revealed_at: string | null;
}

export interface GuessInviteeTable {
  round_id: number;
  user_id: number;
  invited_at: string;
  guessed_at: string | null;
  /** When the person first saw the campaign's results while the round was open (0038): their guess is locked. */
  results_seen_at: string | null;
}

export interface GuessItemTable {
  round_id: number;
  user_id: number;
  rank: number;
  category_id: number;
}

// Tables of the guesses feature (src/guesses/).
export interface GuessesTables {
  guess_round: GuessRoundTable;
  guess_invitee: GuessInviteeTable;
  guess_item: GuessItemTable;
}
