import { describe, expect, it } from 'vitest';
import { KeyTable } from '../../src/model/key-table.js';

describe('KeyTable', () => {
  it('remembers keys and their values across growth', () => {
    const table = new KeyTable(4);
    for (let i = 0; i < 50_000; i++) expect(table.add(`SKU-${i}`, i)).toBe(true);
    expect(table.size).toBe(50_000);
    for (let i = 0; i < 50_000; i += 997) expect(table.get(`SKU-${i}`)).toBe(i);
    expect(table.add('SKU-123', 7)).toBe(false);
    expect(table.get('SKU-123')).toBe(123);
    expect(table.has('SKU-50000')).toBe(false);
    expect(table.get('nope')).toBeUndefined();
  });

  it('tells apart keys that differ by one character, case or order', () => {
    const table = new KeyTable();
    for (const key of ['ab', 'ba', 'Ab', 'ab ', 'a\u0000b', '', '😀', '\uD83D']) expect(table.add(key)).toBe(true);
    expect(table.size).toBe(8);
  });

  it('keeps values given after keys without one (those read as 1), and negative values', () => {
    const table = new KeyTable(2);
    for (let i = 0; i < 1000; i++) table.add(`plain-${i}`);
    expect(table.get('plain-5')).toBe(1);
    expect(table.add('group', -1)).toBe(true);
    for (let i = 0; i < 5000; i++) table.add(`line-${i}`, i + 2);
    expect(table.get('group')).toBe(-1);
    expect(table.get('plain-999')).toBe(1);
    expect(table.get('line-4999')).toBe(5001);
    expect(table.size).toBe(6001);
  });
});
