/** The value shapes Amazon attributes use, built for one marketplace and language. */
import { isAsciiDigit, isAsciiLetter, isSpace } from '../../model/text.js';

export interface Locale {
  marketplaceId: string;
  languageTag: string;
}



const WEIGHT_UNITS: Record<string, string> = {
  kg: 'kilograms',
  g: 'grams',
  lb: 'pounds',
  lbs: 'pounds',
  oz: 'ounces',
};

/**
 * `1.2 kg` -> `{ unit: 'kilograms', value: 1.2 }`; undefined when unreadable. Reads what
 * `/^\s*([0-9]+(?:[.,][0-9]+)?)\s*([a-z]+)\s*$/i` matches, with a scan instead of the regex.
 */
export function parseWeight(text: string): { unit: string; value: number } | undefined {
  const n = text.length;
  let i = 0;
  while (i < n && isSpace(text.charCodeAt(i))) i++;
  const numberStart = i;
  while (i < n && isAsciiDigit(text.charCodeAt(i))) i++;
  if (i === numberStart) return undefined;
  let comma = false;
  if (i + 1 < n && isAsciiDigit(text.charCodeAt(i + 1))) {
    const c = text.charCodeAt(i);
    if (c === 46 || c === 44) {
      comma = c === 44;
      i += 2;
      while (i < n && isAsciiDigit(text.charCodeAt(i))) i++;
    }
  }
  const numberEnd = i;
  while (i < n && isSpace(text.charCodeAt(i))) i++;
  const unitStart = i;
  while (i < n && isAsciiLetter(text.charCodeAt(i))) i++;
  if (i === unitStart) return undefined;
  const unitEnd = i;
  while (i < n && isSpace(text.charCodeAt(i))) i++;
  if (i < n) return undefined;
  const unit = WEIGHT_UNITS[text.slice(unitStart, unitEnd).toLowerCase()];
  if (!unit) return undefined;
  const number = text.slice(numberStart, numberEnd);
  const value = Number(comma ? number.replace(',', '.') : number);
  return Number.isFinite(value) && value > 0 ? { unit, value } : undefined;
}

const CONDITIONS: Record<string, string> = {
  new: 'new_new',
  used: 'used_good',
  refurbished: 'refurbished_refurbished',
};

/** Google's condition -> Amazon's condition_type; Amazon spellings (`used_like_new`) pass through. */
export function conditionType(condition: string | undefined): string | undefined {
  if (condition === undefined) return 'new_new';
  // The usual spellings, as trimmed and lower-cased below.
  if (condition === 'new') return 'new_new';
  if (condition === 'used') return 'used_good';
  if (condition === 'refurbished') return 'refurbished_refurbished';
  const key = condition.trim().toLowerCase();
  if (key in CONDITIONS) return CONDITIONS[key];
  return /^(new|used|refurbished|collectible|club)_[a-z_]+$/.test(key) ? key : undefined;
}
