import { describe, expect, it } from 'vitest';
import google from '../../../src/channels/google/index.js';
import type { GoogleRecord } from '../../../src/channels/google/record.js';
import { collapseWhitespace, decodeEntities, HTML_ENTITIES, removeXmlForbidden, stripHtml } from '../../../src/model/text.js';
import { splitValues } from '../../../src/model/product.js';
import type { ChannelConfig } from '../../../src/channels/contract.js';
import { isUrlAscii } from '../../../src/channels/google/normalize.js';
import { makeContext, makeProduct, validFields } from './helpers.js';

function transform(fields: Record<string, string>, config: ChannelConfig = {}, catalog = { currency: 'USD' as string | undefined, decimalComma: false }) {
  return google.transform(makeProduct(fields), makeContext(config, catalog));
}

function recordOf(fields: Record<string, string>, config: ChannelConfig = {}): GoogleRecord {
  const result = transform(fields, config);
  if (!result.ok) throw new Error(`${result.reason}: ${JSON.stringify(result.issues)}`);
  return result.records[0]!;
}

describe('google transform', () => {
  it('maps a product to Google attributes in spec order', () => {
    const record = recordOf(validFields({ quantity: '3', status: 'active', 'amazon.title': 'ignored' }));
    expect(record).toEqual({
      id: 'SKU-1',
      title: 'Blue T-Shirt',
      description: 'A soft cotton shirt.',
      link: 'https://shop.example.com/p/sku-1',
      image_link: 'https://shop.example.com/i/sku-1.jpg',
      availability: 'in_stock',
      price: '15.00 USD',
      brand: 'Acme',
      gtin: ['4006381333931'],
      condition: 'new',
    });
    expect(google.key(record)).toBe('SKU-1');
  });

  it('uses google.<field> overrides', () => {
    expect(recordOf(validFields({ 'google.title': 'Google title' })).title).toBe('Google title');
  });

  it('lets an instance named otherwise override with its own key first', () => {
    const fields = validFields({ 'google.title': 'Google title', 'google-de.title': 'Deutscher Titel' });
    const result = google.transform(makeProduct(fields), { ...makeContext(), instance: 'google-de' });
    expect(result.ok && result.records[0]!.title).toBe('Deutscher Titel');
    expect(recordOf(fields).title).toBe('Google title');
  });

  it('carries nothing from one product into the next within a run', () => {
    const ctx = makeContext();
    const rich = validFields({ color: 'Red', 'google.size': 'XL', product_highlight: 'a|b', price: 'n/a' });
    expect(google.transform(makeProduct(rich), ctx).ok).toBe(false); // unreadable price, after color and size
    const plain = google.transform(makeProduct(validFields({ id: 'SKU-2' })), ctx);
    expect(plain.ok && plain.records[0]).toEqual(recordOf(validFields({ id: 'SKU-2' })));
    expect(plain.ok && Object.keys(plain.records[0]!)).not.toContain('color');
  });

  it('formats prices with the catalog currency and decimal comma', () => {
    const result = transform(validFields({ price: '1.299,5', sale_price: '999 EUR' }), {}, { currency: 'EUR', decimalComma: true });
    expect(result.ok && result.records[0]!.price).toBe('1299.50 EUR');
    expect(result.ok && result.records[0]!.sale_price).toBe('999.00 EUR');
  });

  it('keeps a product with an unparseable price out, naming the field', () => {
    const result = transform(validFields({ sale_price: 'ten dollars' }));
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([expect.objectContaining({ severity: 'error', code: 'price-unparseable', field: 'sale_price', productId: 'SKU-1' })]);
  });

  it('keeps a product with a price and no currency out', () => {
    const result = transform(validFields({ price: '15' }), {}, { currency: undefined, decimalComma: false });
    expect(result.ok).toBe(false);
    expect(result.issues?.[0]?.field).toBe('price');
  });

  it.each([
    ['in stock', 'in_stock'],
    ['Out of Stock', 'out_of_stock'],
    ['pre-order', 'preorder'],
    ['backorder', 'backorder'],
  ])('normalises availability %s -> %s', (raw, expected) => {
    expect(recordOf(validFields({ availability: raw })).availability).toBe(expected);
  });

  it('derives availability from quantity when availability is missing', () => {
    const { availability: _a, ...fields } = validFields();
    expect(recordOf({ ...fields, quantity: '5' }).availability).toBe('in_stock');
    expect(recordOf({ ...fields, quantity: '0' }).availability).toBe('out_of_stock');
    expect(recordOf({ ...fields, quantity: '-2' }).availability).toBe('out_of_stock');
    expect(recordOf(fields).availability).toBeUndefined();
    expect(recordOf({ ...fields, quantity: '5' })).not.toHaveProperty('quantity');
  });

  it('lower-cases condition, gender, age_group and normalises identifier_exists', () => {
    const record = recordOf(validFields({ condition: 'NEW', gender: 'Female', age_group: 'Kids', identifier_exists: 'FALSE', adult: 'true' }));
    expect([record.condition, record.gender, record.age_group, record.identifier_exists, record.adult]).toEqual(['new', 'female', 'kids', 'no', 'yes']);
    expect(recordOf(validFields({ identifier_exists: 'yes' })).identifier_exists).toBe('yes');
  });

  it('strips HTML from descriptions', () => {
    const record = recordOf(validFields({ description: '<p>Soft &amp; light<br/>cotton&nbsp;shirt</p><ul><li>Caf&eacute;</li><li>&#x1F600; ok</li></ul><script>x()</script>' }));
    expect(record.description).toBe('Soft & light\ncotton shirt\nCafé\n😀 ok');
  });

  it('decodes HTML entities in text attributes but not in URLs', () => {
    const record = recordOf(validFields({ title: 'Tom &amp; Jerry &#8211; Caf&eacute; &#1;', link: 'https://shop.example.com/?a=1&amp;b=2' }));
    expect(record.title).toBe('Tom & Jerry – Café');
    expect(record.link).toBe('https://shop.example.com/?a=1&amp;b=2');
  });

  it('keeps HTML when keepHtml is set', () => {
    expect(recordOf(validFields({ description: '<p>Hi</p>' }), { keepHtml: true }).description).toBe('<p>Hi</p>');
  });

  it('removes characters XML 1.0 forbids from all text', () => {
    const record = recordOf(validFields({ title: 'Blue\u0003 Shirt\uFFFF', description: 'a\u0000b\ud800c', brand: 'Ac\u001Fme' }));
    expect([record.title, record.description, record.brand]).toEqual(['Blue Shirt', 'abc', 'Acme']);
  });

  it('caps additional_image_link at 10 with a warning', () => {
    const links = Array.from({ length: 12 }, (_, i) => `https://shop.example.com/${i}.jpg`).join('|');
    const result = transform(validFields({ additional_image_link: links }));
    expect(result.ok && result.records[0]!.additional_image_link).toHaveLength(10);
    expect(result.issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'too-many-values', field: 'additional_image_link' })]);
  });

  it('parses shipping cells into nested entries', () => {
    const record = recordOf(validFields({ shipping: 'US:CA:Ground:6.49 USD, US:02*:Overnight:16:1:2:3:5|::Standard:0' }), { country: 'US' });
    expect(record.shipping).toEqual([
      { country: 'US', region: 'CA', service: 'Ground', price: '6.49 USD' },
      { country: 'US', postal_code: '02*', service: 'Overnight', price: '16.00 USD', min_handling_time: '1', max_handling_time: '2', min_transit_time: '3', max_transit_time: '5' },
      { country: 'US', service: 'Standard', price: '0.00 USD' },
    ]);
  });

  it('reads a numeric location in Japan as a region (prefecture code), as Google takes no postal codes there', () => {
    const record = recordOf(validFields({ shipping: 'JP:13:Standard:500 JPY|:03:Express:900 JPY' }), { country: 'JP' });
    expect(record.shipping).toEqual([
      { country: 'JP', region: '13', service: 'Standard', price: '500 JPY' },
      { country: 'JP', region: '03', service: 'Express', price: '900 JPY' },
    ]);
    // Elsewhere digits still mean a postal code.
    expect(recordOf(validFields({ shipping: 'US:94043:Ground:6.49 USD' })).shipping).toEqual([{ country: 'US', postal_code: '94043', service: 'Ground', price: '6.49 USD' }]);
  });

  it('keeps decimal-comma shipping prices together', () => {
    const result = transform(validFields({ shipping: 'DE::Standard:4,95 EUR,AT::Standard:6,90 EUR' }), {}, { currency: 'EUR', decimalComma: true });
    expect(result.ok && result.records[0]!.shipping).toEqual([
      { country: 'DE', service: 'Standard', price: '4.95 EUR' },
      { country: 'AT', service: 'Standard', price: '6.90 EUR' },
    ]);
  });

  it('keeps a product with an unreadable shipping cell out', () => {
    const result = transform(validFields({ shipping: 'US:6.49 USD' }));
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([expect.objectContaining({ code: 'shipping-unparseable', field: 'shipping' })]);
  });

  it('does not list drafts, archived or unpublished products unless asked', () => {
    expect(transform(validFields({ status: 'draft' }))).toEqual({ ok: false, reason: 'status is draft' });
    expect(transform(validFields({ status: 'Archived' }))).toEqual({ ok: false, reason: 'status is archived' });
    expect(transform(validFields({ published: 'FALSE' }))).toEqual({ ok: false, reason: 'not published' });
    expect(transform(validFields({ status: 'draft' }), { includeUnpublished: true }).ok).toBe(true);
    expect(transform(validFields({ status: 'active', published: 'TRUE' })).ok).toBe(true);
  });

  it('percent-encodes non-ASCII characters in URLs', () => {
    expect(recordOf(validFields({ link: 'https://shop.example.com/p/café shirt' })).link).toBe('https://shop.example.com/p/caf%C3%A9%20shirt');
  });

  it('tells URLs with nothing to encode from the rest as a charCode loop would', () => {
    const loop = (text: string) => [...text].every((ch) => ch.length === 1 && ch.charCodeAt(0) >= 0x21 && ch.charCodeAt(0) <= 0x7e);
    for (const url of ['', 'https://shop.example.com/p/x?a=1&b=~2!', 'a b', 'a\tb', 'a\u007fb', 'a\u0080b', 'é', '\u{1F381}', '\ud83d', '!~', ' ']) {
      expect([url, isUrlAscii(url)]).toEqual([url, loop(url)]);
    }
    expect(recordOf(validFields({ link: 'https://shop.example.com/p/a\u007fb' })).link).toBe('https://shop.example.com/p/a%7Fb');
  });

  it('reads product_type, gtin and destinations as lists', () => {
    const record = recordOf(validFields({ product_type: 'Home > Kitchen|Gifts', gtin: '4006381333931| 0 12345 67890 5', excluded_destination: 'shopping ads|FREE_LISTINGS' }));
    expect(record.product_type).toEqual(['Home > Kitchen', 'Gifts']);
    expect(record.gtin).toEqual(['4006381333931', '012345678905']);
    expect(record.excluded_destination).toEqual(['Shopping_ads', 'Free_listings']);
  });

  it('reads a one-value list cell as splitValues would (trimmed, empty dropped, errors reported)', () => {
    const one = recordOf(validFields({ product_type: '  Home &amp; Garden  ', additional_image_link: ' https://shop.example.com/i/2.jpg ' }));
    const split = recordOf(validFields({ product_type: '  Home &amp; Garden  |', additional_image_link: ' https://shop.example.com/i/2.jpg |' }));
    expect(one.product_type).toEqual(['Home & Garden']);
    expect(one.additional_image_link).toEqual(['https://shop.example.com/i/2.jpg']);
    expect(one).toEqual(split);
    expect(Object.keys(recordOf(validFields({ product_type: '   ', gtin: '' })))).not.toContain('product_type');
    const bad = transform(validFields({ product_type: 'A\u0001' }));
    expect(bad.ok && bad.records[0]!.product_type).toEqual(['A']);
    expect(bad.issues).toEqual([]);
  });

  it('reads a several-value list cell as splitValues would', () => {
    for (const cell of ['a|b', '|a| |b||', ' a |b ', 'a||', '||', 'a &amp; b|c\u0001|  d  e  ']) {
      const record = recordOf(validFields({ product_highlight: cell }));
      const expected = splitValues(cell).map((part) => collapseWhitespace(removeXmlForbidden(decodeEntities(part))));
      expect([cell, record.product_highlight]).toEqual([cell, expected.length > 0 ? expected : undefined]);
    }
  });

  it('reports each problem once with where it happened, and nothing on a clean product', () => {
    const clean = transform(validFields());
    expect(clean.issues).toEqual([]);
    const ctx = makeContext();
    const result = google.transform(makeProduct(validFields({ id: 'SKU-9', price: 'n/a', sale_price: 'cheap' }), 7), ctx);
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([
      { severity: 'error', code: 'price-unparseable', message: expect.stringContaining('price:'), channel: 'google', productId: 'SKU-9', line: 7, field: 'price' },
      { severity: 'error', code: 'price-unparseable', message: expect.stringContaining('sale_price:'), channel: 'google', productId: 'SKU-9', line: 7, field: 'sale_price' },
    ]);
    expect(google.transform(makeProduct(validFields()), ctx).issues).toEqual([]);
  });

  it('normalises measures', () => {
    const record = recordOf(validFields({ shipping_weight: '2,5KG', product_height: '10cm', unit_pricing_measure: '750 ML' }));
    expect([record.shipping_weight, record.product_height, record.unit_pricing_measure]).toEqual(['2.5 kg', '10 cm', '750 ml']);
  });

  it('collapses whitespace in ids and titles but keeps suspicious id characters for the checker', () => {
    const record = recordOf(validFields({ id: '  SKU\u200D  1 ', title: ' Blue \n Shirt ' }));
    expect(record.id).toBe('SKU\u200D 1');
    expect(record.title).toBe('Blue Shirt');
  });
});

describe('text helpers', () => {
  it('has the 96 Latin-1 entities', () => {
    expect(HTML_ENTITIES.get('nbsp')).toBe(0xa0);
    expect(HTML_ENTITIES.get('yuml')).toBe(0xff);
    expect(HTML_ENTITIES.get('eacute')).toBe(0xe9);
  });

  it('decodes numeric entities and leaves unknown names alone', () => {
    expect(decodeEntities('&#233;&#xe9;&bogus;&#0;&#xD800;')).toBe('éé&bogus;');
  });

  it('strips tags but not a lone less-than sign', () => {
    expect(stripHtml('a < b <b>bold</b><!-- hidden -->')).toBe('a < b bold');
  });

  it('removes lone surrogates but keeps pairs', () => {
    expect(removeXmlForbidden('x\udc00y😀\t\n\r')).toBe('xy😀\t\n\r');
  });
});
