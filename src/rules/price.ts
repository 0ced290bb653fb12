/** Price adjustment on money in minor units: percent, then fixed amount, then rounding. */
import { formatAmount, parseMoney, currencyExponent } from '../model/money.js';

export interface PriceAdjustment {
  field?: 'price' | 'sale_price';
  /** +10 raises by 10%, -15 lowers by 15%. */
  percent?: number;
  /** Amount added after the percentage, e.g. "0.50" or "-1". */
  fixed?: string;
  /** `x.99` / `x.95`: up to the next price ending so; a step like `0.05` or `1`: to the nearest multiple. */
  round?: string;
}

/** Adjusted price as `12.99 USD`, or undefined when the value is not a price (validation reports it later). */
export function adjustPrice(value: string, adjustment: PriceAdjustment, currency?: string): string | undefined {
  const parsed = parseMoney(value, { defaultCurrency: currency });
  if (!parsed.ok) return undefined;
  const { currency: code } = parsed.money;
  const unit = 10 ** currencyExponent(code);
  let minor = parsed.money.minor;
  if (adjustment.percent !== undefined) minor = Math.round((minor * (100 + adjustment.percent)) / 100);
  if (adjustment.fixed !== undefined) minor += Math.round(Number(adjustment.fixed) * unit);
  if (adjustment.round) minor = roundMinor(minor, adjustment.round, unit);
  return `${formatAmount({ minor: Math.max(0, minor), currency: code })} ${code}`;
}

function roundMinor(minor: number, round: string, unit: number): number {
  const ending = /^x\.(\d\d)$/.exec(round);
  if (ending) {
    const cents = Math.round((Number(ending[1]) / 100) * unit);
    const whole = Math.floor(minor / unit);
    const candidate = whole * unit + cents;
    return candidate >= minor ? candidate : candidate + unit;
  }
  const step = Math.round(Number(round) * unit);
  return step > 0 ? Math.round(minor / step) * step : minor;
}
