// A respondent who has not answered yet sees the same page as every other respondent of the
// campaign in that language, except for their link (the form's action, the language links) and
// its CSRF token. That page is rendered once per launched snapshot and variant (language, notice,
// step…) with markers in place of the two, kept as bytes, and per request only the link and the
// token are put in: no template, no string building, no UTF-8 encoding of 55 kB per request.
import type { CampaignSnapshot } from './snapshot';

/** What the view gets instead of the respondent's token and CSRF token while the page is kept. */
export const BLANK_PAGE_MARKERS = { token: '\u0001token\u0001', csrf: '\u0001csrf\u0001' } as const;
type Hole = keyof typeof BLANK_PAGE_MARKERS;
const MARKER = /\u0001(token|csrf)\u0001/;

/** Tokens that need no escaping anywhere in a page (URL path, attribute value); others are rendered. */
const PLAIN = /^[A-Za-z0-9_-]+$/;

interface KeptPage {
  /** The bytes between the holes: one more than holes. */
  parts: Buffer[];
  holes: Hole[];
}

// Per snapshot (frozen, shared by every request of the campaign; see launchedSnapshot), for the
// organisation the pages were rendered with (its name, address and logo are on them).
// getOrganisation hands out a new object after each re-read (every few seconds): only a changed
// value renders the pages again, else every re-read stalled the busiest page with a render.
const kept = new WeakMap<CampaignSnapshot, { organisation: unknown; fingerprint: string; pages: Map<string, KeptPage | null> }>();

/** The rendered page split at its markers; null when a marker was mangled or text has one. */
export function splitPage(html: string): KeptPage | null {
  const pieces = html.split(MARKER);
  const parts: Buffer[] = [];
  const holes: Hole[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    if (i % 2 === 1) holes.push(piece as Hole);
    else if (piece.includes('\u0001')) return null;
    else parts.push(Buffer.from(piece, 'utf8'));
  }
  return { parts, holes };
}

/** A filled page as the chunks to send: the kept parts themselves, uncopied, and the values between them. */
export interface FilledPage {
  chunks: Buffer[];
  byteLength: number;
}

// Not joined into one buffer: a copy of 55 kB per request made the garbage collector run often
// enough (for the memory outside the heap) to show in the page's slowest answers.
function fill(page: KeptPage, values: Record<Hole, string>): FilledPage {
  const chunks: Buffer[] = [];
  let byteLength = 0;
  for (let i = 0; i < page.holes.length; i++) {
    const value = Buffer.from(values[page.holes[i]!], 'latin1');
    chunks.push(page.parts[i]!, value);
    byteLength += page.parts[i]!.length + value.length;
  }
  const last = page.parts[page.holes.length]!;
  chunks.push(last);
  return { chunks, byteLength: byteLength + last.length };
}

/**
 * The page of a blank form for `token`: the kept one of (snapshot, variant) with the link and
 * CSRF token put in, rendered first when there is none yet (`render` gets the markers).
 * Undefined when the page cannot be kept (a snapshot that is not frozen, a token or CSRF token
 * that would need escaping): the caller renders it the usual way.
 */
export async function blankPage(
  snapshot: CampaignSnapshot,
  organisation: unknown,
  variant: string,
  values: Record<Hole, string>,
  render: (markers: typeof BLANK_PAGE_MARKERS) => Promise<string>,
): Promise<FilledPage | undefined> {
  if (!Object.isFrozen(snapshot) || !PLAIN.test(values.token) || !PLAIN.test(values.csrf)) return undefined;
  let entry = kept.get(snapshot);
  if (entry === undefined || entry.organisation !== organisation) {
    const fingerprint = JSON.stringify(organisation) ?? '';
    if (entry?.fingerprint === fingerprint) entry.organisation = organisation;
    else {
      entry = { organisation, fingerprint, pages: new Map() };
      kept.set(snapshot, entry);
    }
  }
  let page = entry.pages.get(variant);
  if (page === undefined) {
    page = splitPage(await render(BLANK_PAGE_MARKERS));
    entry.pages.set(variant, page);
  }
  return page ? fill(page, values) : undefined;
}
