import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { ChannelConfig } from '../../../src/channels/contract.js';
import google from '../../../src/channels/google/index.js';
import type { GoogleRecord } from '../../../src/channels/google/record.js';
import { escapeXml, formatItemXml } from '../../../src/channels/google/xml-format.js';
import { makeContext, makeProduct, validFields } from './helpers.js';

const CONFIG: ChannelConfig = { title: 'Acme & Co <shop>', link: 'https://shop.example.com/?a=1&b=2', country: 'US' };

function recordsOf(...products: Record<string, string>[]): GoogleRecord[] {
  return products.map((fields) => {
    const result = google.transform(makeProduct(fields), makeContext(CONFIG));
    if (!result.ok) throw new Error(result.reason);
    return result.records[0]!;
  });
}

function render(name: string, records: GoogleRecord[], config: ChannelConfig = CONFIG): string {
  const format = google.format(name, makeContext(config));
  return format.begin() + records.map((r, i) => format.item(r, i + 1)).join(format.separator ?? '') + format.end();
}

const RICH = validFields({
  id: 'SKU-&-1',
  title: 'Tom "Big" O\'Neil <XL> & co\u0003',
  description: '<p>Line one</p><p>Line &amp; two</p>',
  additional_image_link: 'https://shop.example.com/a.jpg|https://shop.example.com/b,c.jpg',
  shipping: 'US:CA:Ground:6.49 USD,US:02*:Express:12 USD:1:2:3:5',
  product_type: 'Home > Kitchen|Gifts',
});

describe('google XML format', () => {
  it('writes well-formed RSS 2.0 that parses back to the record values', () => {
    const xml = render('xml', recordsOf(RICH, validFields({ id: 'SKU-2' })));
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">')).toBe(true);
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ isArray: (name) => ['item', 'g:shipping', 'g:additional_image_link', 'g:product_type', 'g:gtin'].includes(name), parseTagValue: false, trimValues: true }).parse(xml);
    const channel = parsed.rss.channel;
    expect(channel.title).toBe('Acme & Co <shop>');
    expect(channel.link).toBe('https://shop.example.com/?a=1&b=2');
    expect(channel.item).toHaveLength(2);
    const item = channel.item[0];
    expect(item['g:id']).toBe('SKU-&-1');
    expect(item['g:title']).toBe('Tom "Big" O\'Neil <XL> & co');
    expect(item['g:description']).toBe('Line one\nLine & two');
    expect(item['g:price']).toBe('15.00 USD');
    expect(item['g:availability']).toBe('in_stock');
    expect(item['g:gtin']).toEqual(['4006381333931']);
    expect(item['g:additional_image_link']).toEqual(['https://shop.example.com/a.jpg', 'https://shop.example.com/b,c.jpg']);
    expect(item['g:product_type']).toEqual(['Home > Kitchen', 'Gifts']);
    expect(item['g:shipping']).toEqual([
      { 'g:country': 'US', 'g:region': 'CA', 'g:service': 'Ground', 'g:price': '6.49 USD' },
      {
        'g:country': 'US', 'g:postal_code': '02*', 'g:service': 'Express', 'g:price': '12.00 USD',
        'g:min_handling_time': '1', 'g:max_handling_time': '2', 'g:min_transit_time': '3', 'g:max_transit_time': '5',
      },
    ]);
  });

  it('writes elements in the fixed table order whatever the record key order', () => {
    const [record] = recordsOf(validFields());
    const reversed = Object.fromEntries(Object.entries(record!).reverse()) as GoogleRecord;
    expect(render('xml', [reversed])).toBe(render('xml', [record!]));
    const item = render('xml', [record!]);
    expect(item.indexOf('<g:id>')).toBeLessThan(item.indexOf('<g:title>'));
    expect(item.indexOf('<g:price>')).toBeLessThan(item.indexOf('<g:brand>'));
  });

  it('writes the same item on the in-order path (joined tags) as on the sorted path, for every value shape', () => {
    const shipping = [{ country: 'US', price: '1.00 USD' }, { country: 'CA', region: 'ON', price: '2.00 USD' }];
    const details = [{ attribute_name: 'a', attribute_value: 'b & c' }];
    const records: Record<string, unknown>[] = [
      { id: 'A' },
      { id: 'A', title: '', description: 'x', shipping, shipping_label: 'y' },
      { id: 'A', additional_image_link: ['u1', 'u2'], shipping, product_detail: details },
      { id: 'A', additional_image_link: [], gtin: ['1'], shipping: [], mpn: 'm' },
      { shipping, id: 'A' }, // sorted path itself
      { id: 'A', unknown: 'skip', title: undefined, brand: 'B <&>', product_highlight: ['h1', 7, 'h2'], product_detail: details },
      { product_detail: details, product_highlight: ['h'], custom_label_0: 'c' },
      { product_type: ['p'], brand: 'b', shipping: [shipping[0]], shipping_label: 'l' },
      {},
    ];
    for (const record of records) {
      const reversed = Object.fromEntries(Object.entries(record).reverse());
      const inOrder = formatItemXml(record as GoogleRecord);
      expect(inOrder).toBe(formatItemXml(reversed as GoogleRecord));
      expect(inOrder.startsWith('    <item>\n') && inOrder.endsWith('    </item>\n')).toBe(true);
    }
    expect(formatItemXml({ id: 'A', title: '', gtin: ['1', '2'] } as unknown as GoogleRecord)).toBe(
      '    <item>\n      <g:id>A</g:id>\n      <g:title></g:title>\n      <g:gtin>1</g:gtin>\n      <g:gtin>2</g:gtin>\n    </item>\n',
    );
  });

  it('drops characters XML forbids even when a record carries them', () => {
    const [record] = recordsOf(validFields());
    const xml = render('xml', [{ ...record!, title: 'a\u0000b\u0008c\u001Fd\uFFFEe\ud800f', brand: 'x\ty' }]);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<g:title>abcdef</g:title>');
    expect(xml).toContain('<g:brand>x\ty</g:brand>');
  });

  it('escapes the five XML specials', () => {
    expect(escapeXml(`<a href="x">Tom's & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom&apos;s &amp; Jerry&apos;s&lt;/a&gt;');
    expect(escapeXml('plain')).toBe('plain');
  });

  it('escapes and strips as a plain regex version would, whatever surrogates, controls and specials the text holds', () => {
    const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
    const oracle = (text: string) => text
      .replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
      .replace(/[&<>"']/g, (c) => entities[c]!);
    const texts = [
      '', 'plain', 'emoji \u{1F381} only', '\u{1F381}', 'pair \u{1F44D}\u{1F3FD} & "quote"', 'lone \ud83d high', 'lone \ude00 low',
      '\ud83d', '\ude00\ud83d', 'end \ud83d', '\ud83d\ud83d\ude00', 'tab\tlf\ncr\r', 'c\u0000\u0008\u000B\u001F', '\uFFFE\uFFFF\uFEFF',
      `<a href='x'>&amp;</a>`, 'Crème brûlée — 日本製 ?>=', '\u{1F381}<\u{1F381}',
    ];
    for (const text of texts) expect([text, escapeXml(text)]).toEqual([text, oracle(text)]);
    for (let c = 0; c < 0x10000; c += 7) {
      const text = `a${String.fromCharCode(c)}b${String.fromCharCode(c, 0xdc00)}`;
      expect([c, escapeXml(text)]).toEqual([c, oracle(text)]);
    }
  });

  it('is deterministic: same input, same bytes', () => {
    const first = render('xml', recordsOf(RICH, validFields({ id: 'SKU-2' })));
    const second = render('xml', recordsOf(RICH, validFields({ id: 'SKU-2' })));
    expect(second).toBe(first);
    expect(render('tsv', recordsOf(RICH))).toBe(render('tsv', recordsOf(RICH)));
  });

  it('rejects an unknown format name', () => {
    expect(() => google.format('csv', makeContext())).toThrow(/unknown format/);
  });
});

describe('google TSV format', () => {
  const COLUMNS = ['id', 'title', 'description', 'price', 'additional_image_link', 'product_type', 'shipping', 'gtin'];

  it('writes a header and one line per record', () => {
    const tsv = render('tsv', recordsOf(RICH, validFields({ id: 'SKU-2' })), { ...CONFIG, tsvColumns: COLUMNS });
    const lines = tsv.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    expect(lines[0]).toBe(COLUMNS.join('\t'));
    expect(lines[1]!.split('\t')).toEqual([
      'SKU-&-1',
      'Tom "Big" O\'Neil <XL> & co',
      'Line one Line & two',
      '15.00 USD',
      'https://shop.example.com/a.jpg,"https://shop.example.com/b,c.jpg"',
      'Home > Kitchen,Gifts',
      'US:CA:Ground:6.49 USD,US:02*:Express:12.00 USD:1:2:3:5',
      '4006381333931',
    ]);
    expect(lines[2]!.split('\t')).toHaveLength(COLUMNS.length);
  });

  it('puts each value in its column whatever the record key order, and repeats a column named twice', () => {
    const [record] = recordsOf(RICH);
    const reversed = Object.fromEntries(Object.entries(record!).reverse()) as GoogleRecord;
    expect(render('tsv', [reversed])).toBe(render('tsv', [record!]));
    const row = render('tsv', [record!]).split('\n')[1]!.split('\t');
    expect(row[0]).toBe('SKU-&-1');
    expect(row[row.length - 1]).toBe('');
    const twice = render('tsv', [reversed], { tsvColumns: ['id', 'brand', 'id', 'nope'] });
    expect(twice.split('\n')[1]).toBe('SKU-&-1\tAcme\tSKU-&-1\t');
  });

  it('defaults to every supported attribute as columns', () => {
    const tsv = render('tsv', recordsOf(validFields()));
    const [header, row] = tsv.split('\n');
    const columns = header!.split('\t');
    expect(columns.slice(0, 5)).toEqual(['id', 'title', 'description', 'link', 'image_link']);
    expect(columns).toContain('custom_label_4');
    expect(row!.split('\t')).toHaveLength(columns.length);
  });

  it('never lets tabs or line breaks split a row, and quotes values starting with a quote', () => {
    const [record] = recordsOf(validFields());
    const tsv = render('tsv', [{ ...record!, title: '"12" pan\twith\r\nlid', description: 'a\nb' }], { tsvColumns: ['id', 'title', 'description'] });
    expect(tsv.split('\n')[1]).toBe('SKU-1\t"""12"" pan with lid"\ta b');
  });

  it('writes shipping entries without times as country:region:service:price', () => {
    const [record] = recordsOf(validFields({ shipping: '::Standard:0 USD' }));
    const tsv = render('tsv', [record!], { country: 'US', tsvColumns: ['id', 'shipping'] });
    expect(tsv.split('\n')[1]).toBe('SKU-1\tUS::Standard:0.00 USD');
  });
});
