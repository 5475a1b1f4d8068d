import type { z } from 'zod';
import { BadRequestError } from './errors';

/** One page of a long list: where it is, and links to the pages around it (views/partials/pager.ejs). */
export interface Pager {
  from: number;
  to: number;
  total: number;
  previousHref: string | null;
  nextHref: string | null;
}

/** The page a list shows: the asked one, or the last there is. */
export function clampPage(page: number, total: number, pageSize: number): number {
  return Math.min(page, Math.max(1, Math.ceil(total / pageSize)));
}

/**
 * The pager of `page` of a list of `total` rows at `path`, keeping the list's other query
 * parameters (empty ones left out) in its links.
 */
export function pagerOf(path: string, params: Record<string, string | number | undefined>, page: number, total: number, pageSize: number): Pager {
  const href = (p: number) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') query.set(key, String(value));
    if (p > 1) query.set('page', String(p));
    const text = query.toString();
    return text ? `${path}?${text}` : path;
  };
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  return {
    from: total === 0 ? 0 : (page - 1) * pageSize + 1,
    to: Math.min(total, page * pageSize),
    total,
    previousHref: page > 1 ? href(page - 1) : null,
    nextHref: page < pageCount ? href(page + 1) : null,
  };
}

/**
 * Parses a list page's query string: a parameter that fails is a 400 whose message is the first
 * failing parameter's (a catalogue key, so the page says in the reader's language what was wrong).
 */
export function parseListQuery<S extends z.ZodType>(schema: S, query: unknown): z.infer<S> {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (fields[issue.path.map(String).join('.') || 'input'] ??= []).push(issue.message);
  throw new BadRequestError(parsed.error.issues[0]?.message ?? 'errors.title.badRequest', fields);
}
