import { ConfigError } from '../errors.js';

/** `--max-invalid 10` or `--max-invalid 2.5%`: is `invalid` out of `total` over the threshold? */
export function parseThreshold(value: string | number | undefined): (invalid: number, total: number) => boolean {
  if (value === undefined) return () => false;
  const text = String(value).trim();
  const percent = /^([0-9]+(?:\.[0-9]+)?)%$/.exec(text);
  if (percent) {
    const limit = Number(percent[1]);
    return (invalid, total) => total > 0 && (invalid * 100) / total > limit;
  }
  if (/^[0-9]+$/.test(text)) {
    const limit = Number(text);
    return (invalid) => invalid > limit;
  }
  throw new ConfigError(`max-invalid: "${text}" must be a count (10) or a percentage (2.5%)`);
}
