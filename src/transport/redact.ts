/**
 * Secret redaction for anything a transport error may carry into a message, report or log:
 * known secret values (tokens, client secret, refresh token; more can be added as tokens are
 * issued) plus patterns that look like LWA tokens, token fields and presigned-URL signatures.
 */
export interface Redactor {
  (text: string): string;
  /** Remember another secret value (e.g. a freshly issued access token). */
  add(secret: string | undefined): void;
}

export const REDACTED = '[redacted]';

const PATTERNS: RegExp[] = [
  // LWA access and refresh tokens: Atza|... and Atzr|...
  /Atz[ar]\|[A-Za-z0-9\-_.~+/=%|]+/g,
  // LWA client secrets.
  /amzn1\.oa2-cs\.v1\.[A-Za-z0-9]+/g,
];

/** `access_token=...`, `"refresh_token":"..."`, `client_secret: ...`, `x-amz-access-token: ...`, presigned URL signatures. */
const FIELD_RE =
  /((?:access_token|refresh_token|client_secret|x-amz-access-token|X-Amz-Signature|X-Amz-Security-Token|X-Amz-Credential|authorization)["']?\s*[:=]\s*["']?)([^"'&\s,}]+)/gi;

export function createRedactor(secrets: Iterable<string | undefined> = []): Redactor {
  const known = new Set<string>();
  let sorted: string[] = [];
  const add = (secret: string | undefined) => {
    if (typeof secret !== 'string' || secret.length < 4 || known.has(secret)) return;
    known.add(secret);
    // Longest first, so a secret containing another is replaced whole.
    sorted = [...known].sort((a, b) => b.length - a.length);
  };
  for (const secret of secrets) add(secret);
  const redact = ((text: string) => {
    let out = text;
    for (const secret of sorted) out = out.split(secret).join(REDACTED);
    for (const re of PATTERNS) out = out.replace(re, REDACTED);
    return out.replace(FIELD_RE, (_, name: string) => `${name}${REDACTED}`);
  }) as Redactor;
  redact.add = add;
  return redact;
}
