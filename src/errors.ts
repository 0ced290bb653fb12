/**
 * The error taxonomy and the one place that maps it to exit codes:
 *   0 ok; 1 ran but found problems above the threshold (or a diff found differences);
 *   2 usage, config or unreadable input; 3 channel or network failure; 70 a bug.
 */
export const EXIT = { ok: 0, problems: 1, usage: 2, channel: 3, bug: 70 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure the user can act on: a message, what to do next, and an exit code. No stack trace. */
export class AbortError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    readonly exitCode: ExitCode = EXIT.usage,
    readonly code: string = 'ABORT',
  ) {
    super(message);
    this.name = 'AbortError';
  }
}

export class ConfigError extends AbortError {
  constructor(message: string, hint?: string) {
    super(message, hint ?? 'Fix omnifeed.config.json and run again.', EXIT.usage, 'CONFIG');
    this.name = 'ConfigError';
  }
}

export class InputError extends AbortError {
  constructor(message: string, hint?: string) {
    super(message, hint, EXIT.usage, 'INPUT');
    this.name = 'InputError';
  }
}

/** The channel or network failed; says what was and was not sent. */
export class ChannelError extends AbortError {
  constructor(message: string, hint?: string) {
    super(message, hint, EXIT.channel, 'CHANNEL');
    this.name = 'ChannelError';
  }
}

export function exitCodeFor(err: unknown): ExitCode {
  return err instanceof AbortError ? err.exitCode : EXIT.bug;
}
