import { describe, expect, it } from 'vitest';
import { IdRegistry, type IdVerdict } from '../../../src/channels/google/id-registry.js';
import { random } from '../../support/random.js';

/** The straightforward version: every id, and every lower-cased id, in a Map. */
function oracle(): (id: string, line: number) => IdVerdict {
  const exact = new Map<string, number>();
  const folded = new Map<string, number>();
  return (id, line) => {
    const first = exact.get(id);
    if (first !== undefined) return { kind: 'duplicate', firstLine: first };
    exact.set(id, line);
    const key = id.toLowerCase();
    const sameFolded = folded.get(key);
    if (sameFolded === undefined) {
      folded.set(key, line);
      return { kind: 'new' };
    }
    return { kind: 'case-collision', firstLine: sameFolded };
  };
}

describe('IdRegistry', () => {
  it('tells duplicates from case collisions, naming the first line', () => {
    const ids = new IdRegistry();
    expect(ids.add('SKU-1', 2)).toEqual({ kind: 'new' });
    expect(ids.add('sku-1', 3)).toEqual({ kind: 'case-collision', firstLine: 2 });
    expect(ids.add('Sku-1', 4)).toEqual({ kind: 'case-collision', firstLine: 2 });
    expect(ids.add('sku-1', 5)).toEqual({ kind: 'duplicate', firstLine: 3 });
    expect(ids.add('123-45', 6)).toEqual({ kind: 'new' });
    expect(ids.add('123-45', 7)).toEqual({ kind: 'duplicate', firstLine: 6 });
    // U+212A KELVIN SIGN lower-cases to an ASCII k.
    expect(ids.add('\u212Aey', 8)).toEqual({ kind: 'new' });
    expect(ids.add('KEY', 9)).toEqual({ kind: 'case-collision', firstLine: 8 });
  });

  it('agrees with the two-map version on random ids in every case and script', () => {
    const next = random(7);
    const letters = ['a', 'A', 'b', 'B', 'k', 'K', '\u212A', 'ß', 'SS', 'ss', 'é', 'É', 'İ', 'i', 'I', 'ı', 'Σ', 'σ', 'ς', '1', '-', '商'];
    for (let round = 0; round < 200; round++) {
      const ours = new IdRegistry();
      const theirs = oracle();
      for (let line = 2; line < 400; line++) {
        let id = '';
        const length = 1 + Math.floor(next() * 3);
        for (let i = 0; i < length; i++) id += letters[Math.floor(next() * letters.length)];
        expect([id, ours.add(id, line)]).toEqual([id, theirs(id, line)]);
      }
    }
  });
});
