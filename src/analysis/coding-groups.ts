// Identical mentions on the coding page: one row each, coded together (no I/O).

/**
 * What makes two mentions "the same words": case, spacing and punctuation do not count
 * ("Late delivery!" = "late  delivery"). Mentions in different languages stay apart, so a row
 * has one language (its suggestions and its "new category" name depend on it).
 */
export function mentionKey(text: string, language: string): string {
  const words = text
    .normalize('NFKC')
    .toLocaleLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return `${language}\u0000${words}`;
}

export interface GroupableMention {
  id: number;
  text: string;
  language: string;
}

/** A row of the coding page: the first mention (oldest) stands for the others. */
export interface MentionGroupOf<M extends GroupableMention> {
  first: M;
  members: M[];
}

/** Groups mentions with the same key, in the order of each group's first mention. */
export function groupIdenticalMentions<M extends GroupableMention>(mentions: readonly M[]): MentionGroupOf<M>[] {
  const groups = new Map<string, MentionGroupOf<M>>();
  for (const m of mentions) {
    const key = mentionKey(m.text, m.language);
    const group = groups.get(key);
    if (group) group.members.push(m);
    else groups.set(key, { first: m, members: [m] });
  }
  return [...groups.values()];
}

/**
 * The given mention ids with every uncoded mention identical to one of them: what coding a row
 * of the coding page codes. An id that is not among `uncoded` is kept as it is.
 */
export function withIdenticalMentions(ids: readonly number[], uncoded: readonly GroupableMention[]): number[] {
  const keyOf = new Map(uncoded.map((m) => [m.id, mentionKey(m.text, m.language)]));
  const wanted = new Set(ids.flatMap((id) => (keyOf.has(id) ? [keyOf.get(id)!] : [])));
  const out = new Set(ids);
  for (const m of uncoded) if (wanted.has(keyOf.get(m.id)!)) out.add(m.id);
  return [...out];
}
