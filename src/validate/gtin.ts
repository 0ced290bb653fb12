/**
 * GTIN checks as Google applies them: 8, 12, 13 or 14 digits (spaces and dashes ignored),
 * a valid GS1 mod-10 check digit, and no restricted (2, 02, 04) or coupon (05, 98-99) prefix.
 * The coupon range is the one Google's gtin page names (answer/6324461: "05, 98-99"; its coupon issue
 * page lists 981-984 and 99, but 980 and 985-989 are not trade items either). The first digit of a
 * GTIN-14 (packaging indicator) does not count as prefix; 978 and 979 are ISBN-13s and pass.
 */
export type GtinResult = { ok: true; gtin: string } | { ok: false; code: string; reason: string };

export function normalizeGtin(text: string): string {
  return text.replace(/[\s-]/g, '');
}

export function gs1CheckDigit(payload: string): number {
  let sum = 0;
  for (let i = payload.length - 1, weight = 3; i >= 0; i--, weight = weight === 3 ? 1 : 3) {
    sum += (payload.charCodeAt(i) - 48) * weight;
  }
  return (10 - (sum % 10)) % 10;
}

export function checkGtin(text: string): GtinResult {
  const gtin = normalizeGtin(text);
  if (!/^[0-9]+$/.test(gtin)) return { ok: false, code: 'gtin-format', reason: `"${text}" must contain only digits` };
  if (![8, 12, 13, 14].includes(gtin.length)) {
    return { ok: false, code: 'gtin-length', reason: `"${text}" has ${gtin.length} digits; a GTIN has 8, 12, 13 or 14` };
  }
  const expected = gs1CheckDigit(gtin.slice(0, -1));
  if (Number(gtin[gtin.length - 1]) !== expected) {
    return { ok: false, code: 'gtin-check-digit', reason: `"${text}" has a wrong check digit (expected ${expected})` };
  }
  // Prefixes are read on the GTIN-13 form: GTIN-12 gets a leading 0; GTIN-14 drops its indicator digit.
  const asGtin13 = gtin.length === 14 ? gtin.slice(1) : gtin.length === 12 ? `0${gtin}` : gtin;
  if (gtin.length !== 8) {
    if (/^(2|02|04)/.test(asGtin13)) {
      return { ok: false, code: 'gtin-restricted-prefix', reason: `"${text}" uses a restricted prefix (2, 02, 04: in-store or variable-measure numbers)` };
    }
    if (/^(98|99|05)/.test(asGtin13)) {
      return { ok: false, code: 'gtin-coupon-prefix', reason: `"${text}" uses a coupon prefix (05, 98-99)` };
    }
  }
  return { ok: true, gtin };
}

/** Which identifier type a GTIN's length names (Amazon's `externally_assigned_product_identifier.type`, eBay columns). */
export function gtinKind(gtin: string): 'upc' | 'ean' | 'gtin' {
  const digits = normalizeGtin(gtin);
  if (digits.length === 12) return 'upc';
  if (digits.length === 13 || digits.length === 8) return 'ean';
  return 'gtin';
}

/** A barcode a spreadsheet turned into scientific notation (`3.65275E+11`): digits are lost. */
export function isScientificNotation(text: string): boolean {
  return /^[0-9](?:[.,][0-9]+)?E\+?[0-9]+$/i.test(text.trim());
}
