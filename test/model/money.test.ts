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

  it.each([
    ['€19.99', {}, 1999, 'EUR'],
    ['19,99 €', {}, 1999, 'EUR'],
    ['19.99€', {}, 1999, 'EUR'],
    ['-5 €', {}, -500, 'EUR'],
    ['£7.50', {}, 750, 'GBP'],
    ['US$ 5', {}, 500, 'USD'],
    ['R$ 1.299,90', {}, 129990, 'BRL'],
    ['12,50 zł', {}, 1250, 'PLN'],
    ['$19.99', { defaultCurrency: 'USD' }, 1999, 'USD'],
    ['$19.99', { defaultCurrency: 'CAD' }, 1999, 'CAD'],
    ['¥1500', { defaultCurrency: 'JPY' }, 1500, 'JPY'],
    ['149 kr', { defaultCurrency: 'SEK' }, 14900, 'SEK'],
    ['19.99 usd', {}, 1999, 'USD'],
    ['eur 5', {}, 500, 'EUR'],
    ['1\u00a0299,00 EUR', {}, 129900, 'EUR'],
    ['1\u202f299,00 €', {}, 129900, 'EUR'],
  ])('reads currency symbols and lower-case codes: %j %j', (text, options, minor, currency) => {
    expect(parseMoney(text, options)).toEqual({ ok: true, money: { minor, currency } });
  });

  it('rejects a symbol several currencies use unless the default currency is one of them, and codes ISO 4217 lacks', () => {
    const dollar = '"$" could be USD, CAD, AUD or another: write the currency code (e.g. 19.99 USD) or set catalog.currency';
    expect(parseMoney('$19.99', { defaultCurrency: 'EUR' })).toEqual({ ok: false, reason: dollar });
    expect(parseMoney('$19.99')).toEqual({ ok: false, reason: dollar });
    expect(parseMoney('10 XYZ')).toEqual({ ok: false, reason: '"XYZ" is not an ISO 4217 currency code' });
    expect(parseMoney('5 PCS', { defaultCurrency: 'EUR' })).toEqual({ ok: false, reason: '"PCS" is not an ISO 4217 currency code' });
    expect(parseMoney('5', { defaultCurrency: 'EUX' })).toEqual({ ok: false, reason: '"EUX" is not an ISO 4217 currency code' });
    // Fund codes Intl leaves out are still currencies.
    expect(parseMoney('5 UYI')).toEqual({ ok: true, money: { minor: 5, currency: 'UYI' } });
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
