import { describe, expect, it } from 'vitest';
import { checkGtin, gs1CheckDigit } from '../../src/validate/gtin.js';

/** The payload with its GS1 check digit appended: a GTIN whose only possible fault is its prefix. */
const withCheckDigit = (payload: string) => `${payload}${gs1CheckDigit(payload)}`;
const codeOf = (gtin: string) => {
  const result = checkGtin(gtin);
  return result.ok ? 'ok' : result.code;
};

describe('checkGtin prefixes', () => {
  it('rejects the whole 98-99 coupon range (Google: "coupon ranges ... 05, 98-99"), in GTIN-13 and GTIN-14 form', () => {
    for (const prefix of ['980', '981', '984', '985', '989', '99', '05']) {
      const gtin13 = withCheckDigit(prefix.padEnd(12, '0'));
      expect([gtin13, codeOf(gtin13)]).toEqual([gtin13, 'gtin-coupon-prefix']);
      const gtin14 = withCheckDigit(`1${prefix}`.padEnd(13, '0'));
      expect([gtin14, codeOf(gtin14)]).toEqual([gtin14, 'gtin-coupon-prefix']);
    }
  });

  it('accepts ISBN-13s (978, 979) and other trade item prefixes next to the coupon range', () => {
    for (const gtin of ['9780306406157', '979-1-00000000-8', withCheckDigit('977000000000'), withCheckDigit('970000000000'), '4006381333931']) {
      expect([gtin, codeOf(gtin)]).toEqual([gtin, 'ok']);
    }
    expect(codeOf('0-306-40615-2')).toBe('gtin-length'); // an ISBN-10: Google wants its ISBN-13
  });
});
