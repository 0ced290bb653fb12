import { describe, expect, it } from 'vitest';
import { compileEnumHints } from '../../../src/channels/amazon/enum-hints.js';
import type { Issue } from '../../../src/validate/issue.js';

const where = { channel: 'amazon', productId: 'SKU-1', line: 7 };

function run(paths: string[][], attributes: Record<string, unknown>): Issue[] {
  const check = compileEnumHints(paths.map((path) => ({ path, values: ['Black', 'White'] })));
  const issues: Issue[] = [];
  check(attributes, where, issues);
  return issues;
}

describe('amazon enum hints', () => {
  it('reads `attribute`, `*`, `property` hints (the fast path) like the general walk on tricky input', () => {
    const attributes = {
      color: [{ value: 'Sand' }, 'Red', null, [{ value: 'Blue' }], { other: 'Green' }, { value: 3 }, { value: 'Black' }, { value: 'Grey Melange', x: 1 }],
      size: { value: 'XL' },
    };
    // The general walk, one level deeper (each value wrapped in an array), must find the same items.
    const fast = run([['color', '*', 'value'], ['size', '*', 'value']], attributes);
    const general = run([['color', '*', 'value', '*']], { color: attributes.color.map((item) => (item && typeof item === 'object' && !Array.isArray(item) && 'value' in item ? { value: [item.value] } : item)) });
    expect(fast.map((i) => i.message.split(':')[0])).toEqual(['color[0].value', 'color[7].value']);
    expect(general.map((i) => i.message.split(':')[0])).toEqual(['color[0].value[0]', 'color[7].value[0]']);
    expect(fast.map((i) => i.message.replace(/^[^:]*/, ''))).toEqual(general.map((i) => i.message.replace(/^[^:]*/, '')));
    expect(fast[0]).toEqual({
      severity: 'warning',
      code: 'amazon-enum-not-listed',
      message: 'color[0].value: "Sand" is not one of Amazon\'s listed values ("Black", "White"); the schema allows it but Amazon may reject it',
      channel: 'amazon',
      productId: 'SKU-1',
      line: 7,
      field: 'color',
    });
    expect(Object.keys(fast[0]!)).toEqual(['severity', 'code', 'message', 'channel', 'productId', 'line', 'field']);
  });

  it('walks other hint paths', () => {
    const issues = run([['purchasable_offer', '*', 'our_price', '*', 'currency']], { purchasable_offer: [{ our_price: [{ currency: 'EUR' }, { currency: 'Black' }] }] });
    expect(issues.map((i) => i.message.split(':')[0])).toEqual(['purchasable_offer[0].our_price[0].currency']);
  });
});
