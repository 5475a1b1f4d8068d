import { Kysely } from 'kysely';
import { columnShapes } from './portable';

// When an invited person first saw the campaign's results while the guess round was open: their
// guess is locked from then on, as the round's reveal locks everyone's (src/guesses/).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('guess_invitee').addColumn('results_seen_at', columnShapes(db).timestamp).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('guess_invitee').dropColumn('results_seen_at').execute();
}
