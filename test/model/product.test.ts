import { describe, expect, it } from 'vitest';
import { splitValues } from '../../src/model/product.js';

describe('splitValues', () => {
  // The straightforward version the indexOf scan replaced.
  const bySplit = (value: string | undefined) => (value ? value.split('|').map((p) => p.trim()).filter((p) => p !== '') : []);

  it.each([undefined, '', ' ', '|', '||', ' | ', 'a', ' a ', 'a|b', '|a', 'a|', ' |b| a ', 'a||b', 'a|a', '\ta\n|\u00A0b', 'a b|c d'])(
    'splits %j like split, trim and filter',
    (value) => {
      expect(splitValues(value)).toEqual(bySplit(value));
    },
  );
});
