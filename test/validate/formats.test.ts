import { describe, expect, it } from 'vitest';
import { isHttpUrl, isIsoDateTime, isIsoRange } from '../../src/validate/formats.js';
import { random } from '../support/random.js';

/** The calendar as Date knows it: the oracle for the day-of-month check. */
const realDay = (date: string) => {
  const day = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === date;
};

describe('isIsoDateTime', () => {
  it('accepts exactly the days the calendar has, leap years included', () => {
    for (const year of ['0000', '0004', '0100', '1900', '1999', '2000', '2023', '2024', '2100', '2400', '9999']) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 1; day <= 31; day++) {
          const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          expect(isIsoDateTime(date), date).toBe(realDay(date));
          expect(isIsoDateTime(`${date}T13:00-0800`), date).toBe(realDay(date));
        }
      }
    }
  });

  it('rejects what is not a date-time in Google\'s forms', () => {
    for (const text of ['2026-13-01', '2026-00-10', '2026-02-00', '2026-1-01', '2026-02-28T24:00Z', '2026-02-28 10:00', 'tomorrow', '']) {
      expect(isIsoDateTime(text), text).toBe(false);
    }
    expect(isIsoDateTime('2026-02-28T10:00:30+01:00')).toBe(true);
    expect(isIsoDateTime('2026-02-28T10:00Z')).toBe(true);
  });

  it('ranges need two date-times, the first before the second', () => {
    expect(isIsoRange('2026-02-01T00:00Z/2026-02-29T00:00Z')).toBe(false);
    expect(isIsoRange('2028-02-01T00:00Z/2028-02-29T00:00Z')).toBe(true);
    expect(isIsoRange('2028-03-01T00:00Z/2028-02-29T00:00Z')).toBe(false);
  });
});

describe('isHttpUrl', () => {
  /** What the fast path must agree with: the WHATWG URL parser, ASCII only, a host. */
  const parses = (text: string) => {
    if (!/^https?:\/\/[\x21-\x7e]+$/.test(text)) return false;
    try {
      return new URL(text).hostname.length > 0;
    } catch {
      return false;
    }
  };

  it('agrees with the URL parser on random links built from awkward pieces', () => {
    const pieces = ['a', 'Z', '0', '9', '-', '.', '..', 'xn--', 'XN--ab', '0x', '0x1f', '255', '999', '1.2.3.4', '[::1]', ':',
      ':80', ':99999', '/', '//', '?', '#', '%', '%zz', '\\', '@', 'user@', ' ', 'é', '_', '~', 'com', 'shop', 'img'];
    const next = random(11);
    const pick = () => pieces[Math.floor(next() * pieces.length)]!;
    for (let i = 0; i < 20_000; i++) {
      let text = next() < 0.5 ? 'https://' : 'http://';
      const n = 1 + Math.floor(next() * 8);
      for (let k = 0; k < n; k++) text += pick();
      expect(isHttpUrl(text), text).toBe(parses(text));
    }
  });

  it('accepts plain shop links and rejects what Google would', () => {
    expect(isHttpUrl('https://cdn.shop.example/img/SKU-1.jpg?w=800#x')).toBe(true);
    expect(isHttpUrl('https://shop.example')).toBe(true);
    expect(isHttpUrl('https://1.2.3.999/p')).toBe(false);
    expect(isHttpUrl('https://xn--zz.example/p')).toBe(parses('https://xn--zz.example/p'));
    expect(isHttpUrl('ftp://shop.example/p')).toBe(false);
    expect(isHttpUrl('https://shop.example/ä')).toBe(false);
    expect(isHttpUrl('/relative/link')).toBe(false);
  });
});
