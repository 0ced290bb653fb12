/**
 * Login with Amazon (LWA) access tokens: exchange the refresh token at the token URL
 * (form-encoded `grant_type=refresh_token`), cache the access token, refresh it shortly
 * before it expires, and once more when the API says the token expired or is invalid.
 * Credentials come from the environment only (never argv); every secret is registered with
 * the client's redactor.
 */
import type { HttpClient, HttpRequest, HttpResult } from './http-client.js';
import type { HttpFailure } from './failure.js';

export interface LwaCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

export const LWA_ENV = {
  clientId: 'LWA_CLIENT_ID',
  clientSecret: 'LWA_CLIENT_SECRET',
  refreshToken: 'LWA_REFRESH_TOKEN',
} as const;

export const DEFAULT_LWA_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';

export type CredentialsResult = { ok: true; credentials: LwaCredentials } | { ok: false; missing: string[] };

/** Reads LWA_CLIENT_ID, LWA_CLIENT_SECRET and LWA_REFRESH_TOKEN. */
export function readLwaCredentials(env: Record<string, string | undefined>): CredentialsResult {
  const read = (name: string) => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
  const clientId = read(LWA_ENV.clientId);
  const clientSecret = read(LWA_ENV.clientSecret);
  const refreshToken = read(LWA_ENV.refreshToken);
  if (clientId && clientSecret && refreshToken) return { ok: true, credentials: { clientId, clientSecret, refreshToken } };
  const missing = Object.values(LWA_ENV).filter((name) => !read(name));
  return { ok: false, missing };
}

export type TokenResult = { ok: true; token: string } | { ok: false; failure: HttpFailure };

export interface LwaTokenSource {
  /** A valid access token, from the cache when it has more than the refresh margin left. */
  getToken(): Promise<TokenResult>;
  /** Forget `token` (the API said it expired); the next getToken() asks for a new one. */
  invalidate(token: string): void;
}

export interface LwaTokenSourceOptions {
  tokenUrl: string;
  credentials: LwaCredentials;
  http: HttpClient;
  now?: () => number;
  /** Refresh this long before `expires_in` runs out. Default 60 000 ms. */
  refreshMarginMs?: number;
}

export function createLwaTokenSource(options: LwaTokenSourceOptions): LwaTokenSource {
  const now = options.now ?? Date.now;
  const margin = options.refreshMarginMs ?? 60_000;
  const { credentials, http } = options;
  http.redact.add(credentials.clientSecret);
  http.redact.add(credentials.refreshToken);
  let cached: { token: string; expiresAt: number } | undefined;
  let pending: Promise<TokenResult> | undefined;

  async function exchange(): Promise<TokenResult> {
    const body = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: credentials.refreshToken,
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
    }).toString();
    const result = await http.send({
      method: 'POST',
      url: options.tokenUrl,
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8', accept: 'application/json' },
      body,
      // Asking for a token again has no side effect.
      idempotent: true,
    });
    if (!result.ok) {
      const failure = result.failure;
      if (failure.status === 400 || failure.status === 401) {
        failure.hint = 'Login with Amazon refused the credentials: check LWA_CLIENT_ID, LWA_CLIENT_SECRET and LWA_REFRESH_TOKEN (the refresh token may be revoked).';
      }
      return { ok: false, failure };
    }
    const json = result.response.json() as { access_token?: unknown; expires_in?: unknown } | undefined;
    const token = json?.access_token;
    if (typeof token !== 'string' || token === '') {
      return {
        ok: false,
        failure: {
          kind: 'status',
          status: result.response.status,
          attempts: result.attempts,
          message: `POST ${options.tokenUrl}: the answer has no access_token`,
          hint: 'Check the token URL (channels.amazon.tokenUrl).',
        },
      };
    }
    http.redact.add(token);
    const expiresIn = typeof json?.expires_in === 'number' && json.expires_in > 0 ? json.expires_in : 3600;
    cached = { token, expiresAt: now() + expiresIn * 1000 };
    return { ok: true, token };
  }

  return {
    getToken() {
      if (cached && cached.expiresAt - margin > now()) return Promise.resolve({ ok: true, token: cached.token });
      // One exchange at a time; concurrent callers share it.
      pending ??= exchange().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    invalidate(token) {
      if (cached?.token === token) cached = undefined;
    },
  };
}

/** SP-API's answer for an expired or invalid access token (401/403 naming the token). */
export function isTokenRejected(failure: HttpFailure): boolean {
  if (failure.status !== 401 && failure.status !== 403) return false;
  const json = failure.response?.json() as { errors?: Array<{ code?: unknown; message?: unknown }> } | undefined;
  const errors = Array.isArray(json?.errors) ? json.errors : [];
  return errors.some((e) => {
    const text = `${String(e.code ?? '')} ${String(e.message ?? '')}`;
    return /token/i.test(text) && /(expired|invalid|not valid|unauthori[sz]ed)/i.test(text);
  });
}

/**
 * Send an SP-API request with `x-amz-access-token`. When the API rejects the token as expired
 * or invalid, get a fresh one and try once more.
 */
export async function sendAuthorized(http: HttpClient, tokens: LwaTokenSource, req: HttpRequest): Promise<HttpResult> {
  for (let round = 1; ; round++) {
    const token = await tokens.getToken();
    if (!token.ok) return { ok: false, failure: token.failure };
    const result = await http.send({ ...req, headers: { ...(req.headers ?? {}), 'x-amz-access-token': token.token } });
    if (result.ok || round > 1 || !isTokenRejected(result.failure)) return result;
    tokens.invalidate(token.token);
  }
}
