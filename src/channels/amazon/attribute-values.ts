/** The value shapes Amazon attributes use, built for one marketplace and language. */

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

/** `1.2 kg` -> `{ unit: 'kilograms', value: 1.2 }`; undefined when unreadable. */
export function parseWeight(text: string): { unit: string; value: number } | undefined {
  const match = /^\s*([0-9]+(?:[.,][0-9]+)?)\s*([a-z]+)\s*$/i.exec(text);
  if (!match) return undefined;
  const unit = WEIGHT_UNITS[(match[2] ?? '').toLowerCase()];
  if (!unit) return undefined;
  const value = Number((match[1] ?? '').replace(',', '.'));
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
  const key = condition.trim().toLowerCase();
  if (key in CONDITIONS) return CONDITIONS[key];
  return /^(new|used|refurbished|collectible|club)_[a-z_]+$/.test(key) ? key : undefined;
}
