// The OpenID Connect relying party: talks to the company's identity provider through
// openid-client (ESM only; Node 20.19+ loads it with require(), Jest transforms it, see
// jest.config.js). Authorization code flow with PKCE (S256), state and nonce.
import * as client from 'openid-client';
import type { OidcConfig } from '../config';

/** What the sign-in keeps in the session between leaving for the provider and coming back. */
export interface PendingOidcSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Where to go after signing in (a same-site path). */
  next: string;
  /** ISO time the sign-in started; an old one is refused. */
  startedAt: string;
}

/** Why a sign-in at the provider did not give us verified claims. */
export type OidcFailure =
  /** The person cancelled at the provider (access_denied). */
  | 'cancelled'
  /** The provider answered with another error, or refused our code. */
  | 'provider_refused'
  /** The answer failed a check: state, nonce, issuer, signature, PKCE, a replayed code. */
  | 'rejected'
  /** The provider could not be reached or answered nonsense. */
  | 'unavailable';

export class OidcError extends Error {
  constructor(
    readonly failure: OidcFailure,
    message: string,
    /** The library's error code (e.g. OAUTH_JWT_CLAIM_COMPARISON_FAILED), for the log. */
    readonly code?: string,
  ) {
    super(message);
  }
}

export interface OidcClient {
  /** The provider's authorization URL to send the browser to, and what to keep for the way back. */
  start(next: string, now: Date): Promise<{ url: string; pending: PendingOidcSignIn }>;
  /**
   * Checks the provider's answer (the callback URL as the browser requested it) against the
   * pending sign-in, exchanges the code and returns the ID token's claims, completed from the
   * userinfo endpoint when one of `wanted` is missing. @throws OidcError
   */
  finish(callbackUrl: URL, pending: PendingOidcSignIn, wanted: readonly string[]): Promise<Record<string, unknown>>;
}

const TIMEOUT_SECONDS = 10;

export function createOidcClient(oidc: OidcConfig, redirectUri: string): OidcClient {
  let discovered: Promise<client.Configuration> | undefined;
  // Discovered once; a failure is not kept, so the next sign-in tries again.
  const configuration = (): Promise<client.Configuration> => {
    discovered ??= client
      .discovery(new URL(oidc.issuer), oidc.clientId, undefined, client.ClientSecretBasic(oidc.clientSecret), {
        timeout: TIMEOUT_SECONDS,
        // config.ts allows http:// only for a provider on this machine (development and tests).
        execute: new URL(oidc.issuer).protocol === 'http:' ? [client.allowInsecureRequests] : [],
      })
      .then((config) => {
        config.timeout = TIMEOUT_SECONDS;
        return config;
      })
      .catch((error: unknown) => {
        discovered = undefined;
        throw asOidcError(error);
      });
    return discovered;
  };

  return {
    async start(next, now) {
      const config = await configuration();
      const pending: PendingOidcSignIn = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        codeVerifier: client.randomPKCECodeVerifier(),
        next,
        startedAt: now.toISOString(),
      };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: oidc.scopes,
        response_type: 'code',
        code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
      });
      return { url: url.href, pending };
    },

    async finish(callbackUrl, pending, wanted) {
      const config = await configuration();
      try {
        const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
        const claims: Record<string, unknown> = { ...tokens.claims() };
        if (wanted.some((name) => claims[name] === undefined) && config.serverMetadata().userinfo_endpoint) {
          const info = await client.fetchUserInfo(config, tokens.access_token, String(claims.sub));
          for (const [name, value] of Object.entries(info)) if (claims[name] === undefined) claims[name] = value;
        }
        return claims;
      } catch (error) {
        throw asOidcError(error);
      }
    },
  };
}

// Checks that failed on the provider's answer itself: somebody forged, replayed or mixed up a response.
const REJECTED_CODES = new Set([
  'OAUTH_JWT_CLAIM_COMPARISON_FAILED',
  'OAUTH_JWT_TIMESTAMP_CHECK_FAILED',
  'OAUTH_INVALID_RESPONSE',
  'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED',
  'OAUTH_KEY_SELECTION_FAILED',
  'OAUTH_INVALID_ARGUMENT',
  'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
]);

function asOidcError(error: unknown): OidcError {
  if (error instanceof OidcError) return error;
  if (error instanceof client.AuthorizationResponseError) {
    return error.error === 'access_denied'
      ? new OidcError('cancelled', 'the sign-in was cancelled at the provider', error.error)
      : new OidcError('provider_refused', `the provider answered ${error.error}`, error.error);
  }
  if (error instanceof client.ResponseBodyError) {
    // invalid_grant: a code used twice, expired, or issued for another PKCE verifier.
    return error.error === 'invalid_grant'
      ? new OidcError('rejected', `the token endpoint answered ${error.error}`, error.error)
      : new OidcError('provider_refused', `the token endpoint answered ${error.error}`, error.error);
  }
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  if (code && REJECTED_CODES.has(code)) return new OidcError('rejected', message, code);
  return new OidcError('unavailable', message, code);
}
