import { describe, expect, it } from 'vitest';
import { ATTRIBUTE_NAMES } from '../../../src/channels/google/attributes.js';
import google from '../../../src/channels/google/index.js';
import type { GoogleRecord } from '../../../src/channels/google/record.js';
import { compileSchemaFile, readSchemaFile, schemaIssues } from '../../../src/validate/ajv.js';
import { makeContext, makeProduct, validFields } from './helpers.js';

const validate = compileSchemaFile('google-merchant.schema.json');

function issuesOf(record: Record<string, unknown>) {
  return validate(record) ? [] : schemaIssues(validate.errors);
}

function recordOf(fields: Record<string, string>): GoogleRecord {
  const result = google.transform(makeProduct(fields), makeContext());
  if (!result.ok) throw new Error(result.reason);
  return result.records[0]!;
}

describe('google-merchant.schema.json', () => {
  it('lists exactly the attributes of the table, in order', () => {
    const schema = readSchemaFile('google-merchant.schema.json') as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual([...ATTRIBUTE_NAMES]);
  });

  it('config tsvColumns enum lists the same attributes', () => {
    const schema = readSchemaFile('config-google.schema.json') as { properties: { tsvColumns: { items: { enum: string[] } } } };
    expect(schema.properties.tsvColumns.items.enum).toEqual([...ATTRIBUTE_NAMES]);
  });

  it('accepts a transformed valid product', () => {
    expect(issuesOf(recordOf(validFields()))).toEqual([]);
  });

  it('accepts a product using every kind of attribute', () => {
    const record = recordOf(
      validFields({
        additional_image_link: 'https://shop.example.com/a.jpg|https://shop.example.com/b.jpg',
        sale_price: '12.50 USD',
        sale_price_effective_date: '2026-02-24T13:00-0800/2026-02-28T15:30-0800',
        availability_date: '2026-12-25T13:00-0800',
        product_type: 'Apparel > Shirts',
        shipping: 'US:CA:Ground:6.49 USD,US:02*:Express:12 USD:1:2:3:5',
        shipping_weight: '3kg',
        product_length: '20 CM',
        unit_pricing_measure: '750 ml',
        unit_pricing_base_measure: '100ml',
        product_detail: 'General:Fabric:100% cotton|Fit:Regular',
        excluded_destination: 'display ads',
        identifier_exists: 'TRUE',
        multipack: '6',
        min_handling_time: '1',
        size_system: 'eu',
        gender: 'Male',
        age_group: 'ADULT',
      }),
    );
    expect(issuesOf(record)).toEqual([]);
  });

  it('flags a missing required attribute', () => {
    const { link: _link, ...rest } = recordOf(validFields());
    expect(issuesOf(rest)).toEqual([expect.objectContaining({ code: 'schema-required', field: 'link' })]);
  });

  it('flags a malformed price', () => {
    const record = { ...recordOf(validFields()), price: '15,00 dollars' };
    expect(issuesOf(record)).toEqual([expect.objectContaining({ code: 'schema-format', field: 'price' })]);
  });

  it('flags a bad gtin', () => {
    const record = { ...recordOf(validFields()), gtin: ['4006381333932'] };
    expect(issuesOf(record)).toEqual([expect.objectContaining({ code: 'schema-format', field: 'gtin[0]' })]);
  });

  it('flags a title over 150 characters and accepts exactly 150 (counting code points)', () => {
    expect(issuesOf(recordOf(validFields({ title: '😀'.repeat(150) })))).toEqual([]);
    expect(issuesOf(recordOf(validFields({ title: 'x'.repeat(151) })))).toEqual([
      expect.objectContaining({ code: 'schema-maxLength', field: 'title' }),
    ]);
  });

  it('flags unknown enum values and unknown attributes', () => {
    const record = { ...recordOf(validFields({ condition: 'mint' })), colour: 'red' };
    const codes = issuesOf(record).map((i) => `${i.code}:${i.field}`);
    expect(codes).toEqual(['schema-additionalProperties:colour', 'schema-enum:condition']);
  });

  it('rejects a shipping entry with both region and postal code', () => {
    const record = { ...recordOf(validFields()), shipping: [{ country: 'US', region: 'CA', postal_code: '90210', price: '5.00 USD' }] };
    expect(issuesOf(record)).toEqual([expect.objectContaining({ code: 'schema-not', field: 'shipping[0]' })]);
  });

  it('the config schema accepts a full config and rejects unknown keys', () => {
    const validateConfig = compileSchemaFile('config-google.schema.json');
    const config = {
      type: 'google', enabled: true, formats: ['xml', 'tsv'], files: { xml: 'google.xml' }, rules: [], stock: { percent: 80, buffer: 1 },
      country: 'US', language: 'en', feedLabel: 'US', title: 'Shop', link: 'https://shop.example.com', keepHtml: false,
      includeUnpublished: false, localInventory: { path: 'stores.csv' }, tsvColumns: ['id', 'title', 'price'],
    };
    expect(validateConfig(config)).toBe(true);
    expect(validateConfig({ ...config, formats: ['csv'] })).toBe(false);
    expect(validateConfig({ ...config, keepHTML: true })).toBe(false);
  });
});
