// Tokens in respondent (/s/), unsubscribe (/u/) and follow-up (/f/) links are capabilities: never
// log them. Express routes case-insensitively, so /S/<token> reaches the same page and is redacted too.
const TOKEN_PATH = /^\/([suf])\/[^/?#]+/i;

export function redactUrl(url: string): string {
  return url.replace(TOKEN_PATH, '/$1/[token]');
}
