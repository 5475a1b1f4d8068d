import crypto from 'node:crypto';

/**
 * The sample link of a test mail: BASE_URL/preview/<token>, where the token names the campaign
 * and when the link stops working, signed with the server secret (HMAC-SHA256), so only the app
 * makes one and nothing needs storing. It opens the questionnaire in preview mode: it records
 * nothing, and the page says so.
 */
export const SAMPLE_LINK_DAYS = 30;

function signature(secret: string, payload: string): string {
  return crypto.createHmac('sha256', secret).update(`campaign-sample:${payload}`).digest('base64url');
}

export function sampleToken(secret: string, campaignId: number, expiresAt: Date): string {
  const payload = `${campaignId}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return `${payload}.${signature(secret, payload)}`;
}

/** The campaign a sample token names, or null when it is forged, mangled or has run out. */
export function readSampleToken(secret: string, token: string, now: Date): { campaignId: number } | null {
  const match = /^(\d{1,12})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const [, id, expires, given] = match as unknown as [string, string, string, string];
  const expected = signature(secret, `${id}.${expires}`);
  if (!crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected))) return null;
  if (Number(expires) * 1000 <= now.getTime()) return null;
  return { campaignId: Number(id) };
}

export function sampleLink(baseUrl: string, token: string): string {
  return `${baseUrl}/preview/${token}`;
}
