/** What a failed request looks like to callers, and how it becomes a ChannelError with a next step. */
import { ChannelError } from '../errors.js';
import type { HttpResponse } from './http-client.js';
import type { Redactor } from './redact.js';

export type HttpFailureKind = 'status' | 'throttled' | 'timeout' | 'network';

export interface HttpFailure {
  kind: HttpFailureKind;
  /** Redacted, one line: what was asked and what came back. */
  message: string;
  /** What the user can do about it. */
  hint: string;
  attempts: number;
  status?: number;
  /** The last response, for callers that read error bodies (e.g. expired tokens). */
  response?: HttpResponse;
  retryAfterMs?: number;
}

type AttemptOutcome =
  | { kind: 'response'; response: HttpResponse }
  | { kind: 'timeout' }
  | { kind: 'network'; message: string };

interface Where {
  target: string;
  attempts: number;
  retryAfterMs: number | undefined;
  timeoutMs: number;
  redact: Redactor;
}

export function describeFailure(outcome: AttemptOutcome, where: Where): HttpFailure {
  const tries = where.attempts === 1 ? '' : ` (after ${where.attempts} attempts)`;
  if (outcome.kind === 'timeout') {
    return {
      kind: 'timeout',
      message: `${where.target}: no answer within ${where.timeoutMs / 1000}s${tries}`,
      hint: 'The channel did not answer in time. Run again later, or check the endpoint URL.',
      attempts: where.attempts,
    };
  }
  if (outcome.kind === 'network') {
    return {
      kind: 'network',
      message: where.redact(`${where.target}: ${outcome.message}${tries}`),
      hint: 'Check the network connection and the endpoint URL, then run again.',
      attempts: where.attempts,
    };
  }
  const { response } = outcome;
  const status = response.status;
  const detail = where.redact(errorDetail(response));
  const base = {
    attempts: where.attempts,
    status,
    response,
    ...(where.retryAfterMs !== undefined ? { retryAfterMs: where.retryAfterMs } : {}),
  };
  const message = `${where.target}: HTTP ${status}${detail ? ` ${detail}` : ''}${tries}`;
  if (status === 429) {
    const wait = where.retryAfterMs !== undefined ? ` The channel asked to wait ${Math.ceil(where.retryAfterMs / 1000)}s.` : '';
    return { kind: 'throttled', message, hint: `The channel is throttling requests.${wait} Run again later.`, ...base };
  }
  return { kind: 'status', message, hint: hintForStatus(status), ...base };
}

function hintForStatus(status: number): string {
  if (status === 401 || status === 403) {
    return 'The channel refused the credentials. Check LWA_CLIENT_ID, LWA_CLIENT_SECRET and LWA_REFRESH_TOKEN and the app\'s roles.';
  }
  if (status === 404) return 'The resource does not exist: check the identifiers (product type, marketplace) and the endpoint.';
  if (status >= 500) return 'The channel had a server error. Run again later.';
  return 'The channel rejected the request; see the message.';
}

/** `{"errors":[{"code","message"}]}` (SP-API), `{"error","error_description"}` (OAuth), else a body snippet. */
export function errorDetail(response: HttpResponse): string {
  const json = response.json();
  if (json && typeof json === 'object') {
    const errors = (json as { errors?: unknown }).errors;
    if (Array.isArray(errors)) {
      return errors
        .map((e) => (e && typeof e === 'object' ? `${String((e as { code?: unknown }).code ?? '')}: ${String((e as { message?: unknown }).message ?? '')}` : String(e)))
        .join('; ');
    }
    const oauth = json as { error?: unknown; error_description?: unknown };
    if (typeof oauth.error === 'string') {
      return typeof oauth.error_description === 'string' ? `${oauth.error}: ${oauth.error_description}` : oauth.error;
    }
  }
  const text = response.text().replace(/\s+/g, ' ').trim();
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

export function failureToError(failure: HttpFailure): ChannelError {
  return new ChannelError(failure.message, failure.hint);
}
