import type { Db } from '../db/database';

/**
 * Moves the tickets of a merged category to the survivor. One ticket per campaign and category:
 * where the survivor already has a ticket in that campaign, the merged category's ticket stays
 * on the merged id (which resolves to the survivor).
 */
export async function moveTicketsToCategory(db: Db, fromId: number, intoId: number): Promise<void> {
  await db
    .updateTable('ticket')
    .set({ category_id: intoId })
    .where('category_id', '=', fromId)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('ticket as t2').select('t2.id').whereRef('t2.campaign_id', '=', 'ticket.campaign_id').where('t2.category_id', '=', intoId))),
    )
    .execute();
}
