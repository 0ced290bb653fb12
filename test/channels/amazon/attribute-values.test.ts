import { describe, expect, it } from 'vitest';
import { conditionType, parseWeight } from '../../../src/channels/amazon/attribute-values.js';
import { sortNames } from '../../../src/channels/amazon/attribute-order.js';

const UNITS: Record<string, string> = { kg: 'kilograms', g: 'grams', lb: 'pounds', lbs: 'pounds', oz: 'ounces' };

/** parseWeight as it was written with the regex: the scan must read exactly the same. */
function parseWeightByRegex(text: string): { unit: string; value: number } | undefined {
  const match = /^\s*([0-9]+(?:[.,][0-9]+)?)\s*([a-z]+)\s*$/i.exec(text);
  if (!match) return undefined;
  const unit = UNITS[(match[2] ?? '').toLowerCase()];
  if (!unit) return undefined;
  const value = Number((match[1] ?? '').replace(',', '.'));
  return Number.isFinite(value) && value > 0 ? { unit, value } : undefined;
}

describe('amazon parseWeight', () => {
  it('reads weights like "1.2 kg"', () => {
    expect(parseWeight('1.2 kg')).toEqual({ unit: 'kilograms', value: 1.2 });
    expect(parseWeight(' 0,25KG ')).toEqual({ unit: 'kilograms', value: 0.25 });
    expect(parseWeight('12oz')).toEqual({ unit: 'ounces', value: 12 });
    expect(parseWeight('0 kg')).toBeUndefined();
    expect(parseWeight('heavy')).toBeUndefined();
  });

  it('reads what the regex reads, on tricky input', () => {
    const inputs = [
      '', ' ', 'kg', '1', '1 ', '1kg', '1 kg', '\t1\tkg\t', '\u00a01.5\u3000lb\ufeff', '\u20281 kg\u2029', '1.kg', '1. kg', '.5 kg',
      '1,kg', '1,5 kg', '1.5.3 kg', '1..5 kg', '1,,5 kg', '1.5,3 kg', '1 k g', '1 kg x', '1 kgs', '1 Lbs', '1 LB', '1 oZ',
      '1 kg.', '-1 kg', '+1 kg', '1e3 kg', '0x10 kg', '١ kg', '1 ｋｇ', '1 \u212Ag', '1 \u017Fg', '00.000 g', '007 g',
      '1'.repeat(400) + ' kg', '1 toString', '1 constructor', '1 __proto__', '1 hasOwnProperty', '1 kg\n', '\n1 kg', '1\u200bkg',
      '1\u180ekg', '1\u0085kg', '2 \u00a0 g',
    ];
    for (const text of inputs) expect(parseWeight(text), JSON.stringify(text)).toEqual(parseWeightByRegex(text));
  });
});

describe('amazon conditionType', () => {
  it('maps Google conditions and passes Amazon spellings', () => {
    expect(conditionType(undefined)).toBe('new_new');
    expect(conditionType('new')).toBe('new_new');
    expect(conditionType('used')).toBe('used_good');
    expect(conditionType('refurbished')).toBe('refurbished_refurbished');
    expect(conditionType(' Used ')).toBe('used_good');
    expect(conditionType('USED_LIKE_NEW')).toBe('used_like_new');
    expect(conditionType('broken')).toBeUndefined();
  });
});

describe('amazon sortNames', () => {
  it('sorts like Array.prototype.sort', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pool = ['brand', 'bullet_point', 'color', 'size', 'a', 'B', 'é', 'z', '', 'other_product_image_locator_1', 'other_product_image_locator_10', '\ud83d\ude00', '\uffff'];
    for (let round = 0; round < 200; round++) {
      const names = Array.from({ length: Math.floor(random() * 20) }, () => pool[Math.floor(random() * pool.length)]!);
      expect(sortNames([...names])).toEqual([...names].sort());
    }
    const nearly = ['brand', 'color', 'item_name', 'size', 'fulfillment_availability', 'list_price', 'purchasable_offer', 'child_parent_sku_relationship', 'parentage_level', 'variation_theme'];
    expect(sortNames([...nearly])).toEqual([...nearly].sort());
  });
});
