import { describe, expect, it } from 'vitest';
import { formatMoney, parseMoney, parseMoneyExact } from '../../src/model/money.js';

describe('parseMoney', () => {
  it.each([
    ['19.99', { minor: 1999, currency: 'USD' }],
    ['19.99 USD', { minor: 1999, currency: 'USD' }],
    ['USD 19.99', { minor: 1999, currency: 'USD' }],
    ['19,99 EUR', { minor: 1999, currency: 'EUR' }],
    ['1,299.50 USD', { minor: 129950, currency: 'USD' }],
    ['1500 JPY', { minor: 1500, currency: 'JPY' }],
    ['5', { minor: 500, currency: 'USD' }],
  ])('%s', (text, money) => {
    expect(parseMoney(text, { defaultCurrency: 'USD' })).toEqual({ ok: true, money });
  });

  it('reads decimal comma catalogs', () => {
    expect(parseMoney('1.299,00 EUR', { decimalComma: true })).toEqual({ ok: true, money: { minor: 129900, currency: 'EUR' } });
  });

  it.each([
    ['1.299,00 EUR', false, 129900],
    ['1.234.567,89 EUR', false, 123456789],
    ['-1.299,50', false, -129950],
    ['19.99 USD', true, 1999],
    ['-5.5', true, -550],
    ['1,299.00 USD', true, 129900],
    ['1.299 EUR', true, 129900],
    ['1,299 USD', false, 129900],
  ])('reads %s whichever separator is configured (decimalComma %s)', (text, decimalComma, minor) => {
    expect(parseMoney(text, { defaultCurrency: 'EUR', decimalComma })).toMatchObject({ ok: true, money: { minor } });
  });

  it.each(['1,299,00', '1.299.00', '1.29,00', '12,34.5'])('rejects %j with either config', (text) => {
    for (const decimalComma of [false, true]) expect(parseMoney(text, { defaultCurrency: 'EUR', decimalComma }).ok).toBe(false);
  });

  it.each(['twelve', '19.999 USD', 'USD 1 EUR', '1.2.3', ''])('rejects %j', (text) => {
    expect(parseMoney(text, { defaultCurrency: 'USD' }).ok).toBe(false);
  });

  it('needs a currency', () => {
    expect(parseMoney('10')).toMatchObject({ ok: false, reason: expect.stringMatching(/no currency/) });
  });

  it('formats without float error', () => {
    expect(formatMoney({ minor: 1999, currency: 'USD' })).toBe('19.99 USD');
    expect(formatMoney({ minor: 7, currency: 'EUR' })).toBe('0.07 EUR');
    expect(formatMoney({ minor: 1500, currency: 'JPY' })).toBe('1500 JPY');
  });
});

describe('parseMoney fast path', () => {
  it('agrees with the general parser on many generated spellings', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)]!;
    for (let i = 0; i < 20_000; i++) {
      const int = String(Math.floor(rnd() * 10 ** Math.floor(rnd() * 14)));
      const frac = pick(['', '.', '.5', '.50', '.99', '.999', '.990', '.1234', '.000']);
      const cur = pick(['', ' USD', ' JPY', ' KWD', ' usd', ' EURO', 'USD']);
      const text = `${pick(['', '0', '00'])}${int}${frac}${cur}`;
      for (const options of [{}, { defaultCurrency: 'EUR' }, { defaultCurrency: 'JPY' }, { defaultCurrency: 'EUR', decimalComma: true }]) {
        expect([text, parseMoney(text, options)]).toEqual([text, parseMoneyExact(text, options)]);
      }
    }
  });
});
