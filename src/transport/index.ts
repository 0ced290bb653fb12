/** The shared HTTP transport: client, retry policy, rate limits, redaction and LWA tokens. */
export { createHttpClient } from './http-client.js';
export type { HttpClient, HttpClientOptions, HttpRequest, HttpResponse, HttpResult, RetryEvent } from './http-client.js';
export { failureToError, errorDetail } from './failure.js';
export type { HttpFailure, HttpFailureKind } from './failure.js';
export { backoffDelay, isRetryableStatus, parseRetryAfter } from './retry-policy.js';
export { createTokenBucket } from './rate-limit.js';
export { createRedactor, REDACTED } from './redact.js';
export type { Redactor } from './redact.js';
export {
  createLwaTokenSource,
  DEFAULT_LWA_TOKEN_URL,
  isTokenRejected,
  LWA_ENV,
  readLwaCredentials,
  sendAuthorized,
} from './lwa-token.js';
export type { LwaCredentials, LwaTokenSource } from './lwa-token.js';
