import { describe, expect, it } from 'vitest';
import marketplace from '../../../src/channels/marketplace/index.js';
import { compileTemplate, renderTemplate } from '../../../src/rules/template.js';
import { validateConfig } from '../../../src/config/load-config.js';
import { compileSchemaFile } from '../../../src/validate/ajv.js';
import { contextFor, fixtureConfig, product, renderFeed } from './render-feed.js';

function render(source: string, fields: Record<string, string>): string {
  const compiled = compileTemplate(source);
  if (!compiled.ok) throw new Error(compiled.reason);
  return renderTemplate(compiled.template, (field) => fields[field]);
}

describe('templates', () => {
  it('fills placeholders and tidies what a missing one leaves', () => {
    expect(render('{brand} {title}', { brand: 'Acme', title: 'Tee' })).toBe('Acme Tee');
    expect(render('{brand} {title}', { title: 'Tee' })).toBe('Tee');
    expect(render('{title} - {color} ({size})', { title: 'Tee' })).toBe('Tee');
    expect(render('{{literal}} {title}', { title: 'Tee' })).toBe('{literal} Tee');
  });
  it('a lone placeholder is the value as it is, line breaks and spaces included', () => {
    expect(render('{description}', { description: ' a\n b ' })).toBe(' a\n b ');
  });
  it('reports malformed templates', () => {
    expect(compileTemplate('{title').ok).toBe(false);
    expect(compileTemplate('title}').ok).toBe(false);
    expect(compileTemplate('{bad name}').ok).toBe(false);
    expect(compileTemplate('{price:cents}')).toEqual({ ok: false, reason: '"{price:cents}": unknown modifier "cents" (known: amount, currency, first)' });
  });
});

describe('generic profile', () => {
  const columns = [
    { header: 'SKU', value: '{id}', required: true },
    { header: 'Name', value: '{etsy.title}' },
    { header: 'Title', value: '{title}', maxLength: 10 },
    { header: 'First image', value: '{additional_image_link:first}', kind: 'url' },
  ];

  it('reads <instance>.<field> overrides first, and :first of multi-values', () => {
    const p = product('P1', { title: 'Tee', 'etsy.title': 'Etsy Tee', additional_image_link: 'https://x.example/1.jpg|https://x.example/2.jpg' });
    const { text } = renderFeed([p], 'etsy', { type: 'marketplace', profile: 'generic', columns });
    expect(text).toBe('SKU,Name,Title,First image\r\nP1,Etsy Tee,Etsy Tee,https://x.example/1.jpg\r\n');
  });

  it('required and maxLength are errors that keep the row out', () => {
    const result = marketplace.transform(product('P1', { title: 'A long title' }), contextFor('etsy', { type: 'marketplace', profile: 'generic', columns }));
    expect(result.ok).toBe(false);
    expect(result.issues?.map((i) => i.message)).toEqual(['Title: 12 characters; Generic marketplace CSV allows 10']);
  });

  it('config mistakes the schema cannot see are ConfigErrors with the path', () => {
    const ctx = (config: Record<string, unknown>) => contextFor('etsy', { type: 'marketplace', ...config });
    const run = (config: Record<string, unknown>) => () => marketplace.transform(product('P1', {}), ctx(config));
    expect(run({ profile: 'generic' })).toThrow(/channels\.etsy\.columns: the generic profile needs at least one column/);
    expect(run({ profile: 'amazon' })).toThrow(/channels\.etsy\.profile: "amazon" is not a marketplace profile/);
    expect(run({})).toThrow(/channels\.etsy\.profile: is required/);
    expect(run({ profile: 'generic', columns: [{ header: 'A', value: '{id}' }, { header: 'A', value: '{id}' }] })).toThrow(/header "A" appears twice/);
    expect(run({ profile: 'generic', columns: [{ header: 'A', value: '{id' }] })).toThrow(/channels\.etsy\.columns\[0\]\.value: unclosed/);
    expect(run({ profile: 'generic', columns, delimiter: '"' })).toThrow(/channels\.etsy\.delimiter/);
    expect(() => marketplace.format('xml', ctx({ profile: 'generic', columns }))).toThrow(/marketplace writes csv/);
  });

  it('an instance named like a profile may leave the profile out', () => {
    expect(marketplace.transform(product('P1', {}), contextFor('generic', { columns })).ok).toBe(true);
  });

  it('the record schema follows the profile', () => {
    expect(marketplace.schema instanceof Function && marketplace.schema(contextFor('etsy', fixtureConfig('etsy')))).toBe('marketplace-generic.schema.json');
    expect(marketplace.schema instanceof Function && marketplace.schema(contextFor('ebay', fixtureConfig('ebay')))).toBe('marketplace-ebay.schema.json');
  });
});

describe('schemas', () => {
  it('compile under strict ajv', () => {
    for (const name of ['config-marketplace.schema.json', 'marketplace-generic.schema.json', 'marketplace-ebay.schema.json']) {
      expect(() => compileSchemaFile(name)).not.toThrow();
    }
  });
  it('the config schema takes both fixture instances and names mistakes', () => {
    expect(() => validateConfig({ channels: { ebay: fixtureConfig('ebay'), etsy: fixtureConfig('etsy') } })).not.toThrow();
    expect(() => validateConfig({ channels: { etsy: { type: 'marketplace', profile: 'generic' } } })).toThrow(/channels\.etsy\.columns: is required/);
    expect(() => validateConfig({ channels: { ebay: { ...fixtureConfig('ebay'), colour: 'x' } } })).toThrow(/channels\.ebay\.colour: is not a known key/);
    expect(() => validateConfig({ channels: { ebay: { ...fixtureConfig('ebay'), lineEnding: '\r' } } })).toThrow(/channels\.ebay\.lineEnding/);
  });
  it('the eBay record schema rejects what eBay would', () => {
    const validate = compileSchemaFile('marketplace-ebay.schema.json');
    const result = marketplace.transform(product('P1', { title: 'Tee', description: 'd', product_type: 'Home', price: '1.00 USD', quantity: '1' }), contextFor('ebay', fixtureConfig('ebay')));
    if (!result.ok) throw new Error(result.reason);
    const record = result.records[0]!;
    expect(validate(record)).toBe(true);
    expect(validate({ ...record, cells: { ...record.cells, '*Quantity': '-1' } })).toBe(false);
    expect(validate({ ...record, cells: { ...record.cells, '*Title': 'x'.repeat(81) } })).toBe(false);
    expect(validate({ ...record, cells: { ...record.cells, 'Product:UPC': '123' } })).toBe(false);
  });
});
