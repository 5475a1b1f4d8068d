import type { CategoryMergeHook } from '../catalogue/catalogue.service';
import { moveTicketsToCategory } from './ticket-merge.repository';

/** When two categories are merged, tickets follow their category to the survivor (see moveTicketsToCategory). */
export const moveTicketsOnCategoryMerge: CategoryMergeHook = (trx, { fromId, intoId }) => moveTicketsToCategory(trx, fromId, intoId);
