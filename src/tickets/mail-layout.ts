/** The small frame every mail of the tickets feature shares. */

/** A link into the app for a mail: the public address and the path, without doubled slashes. */
export function appLink(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}

/** An HTML body of already escaped paragraphs. */
export function htmlDocument(paragraphs: string[]): string {
  return `<!doctype html><html><body>${paragraphs.join('\n')}</body></html>`;
}
