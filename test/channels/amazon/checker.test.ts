import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvModule from 'ajv';
import Ajv2019Module from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import amazon from '../../../src/channels/amazon/index.js';
import type { ListingsRecord } from '../../../src/channels/amazon/record.js';
import { createAmazonAjv } from '../../../src/validate/amazon-vocabulary.js';
import { FIXTURE_SCHEMAS, makeContext, makeProduct, recordOf, transformAll, validFields } from './helpers.js';

const shirtSchema = () => JSON.parse(readFileSync(join(FIXTURE_SCHEMAS, 'SHIRT.json'), 'utf8')) as Record<string, unknown>;
const metaSchema = () => JSON.parse(readFileSync(join(FIXTURE_SCHEMAS, '..', '..', '..', 'channel-schemas/amazon/meta-schema.json'), 'utf8')) as Record<string, unknown>;
const mp = 'ATVPDKIKX0DER';

function check(records: ListingsRecord[], config = {}) {
  const checker = amazon.createChecker!(makeContext(config));
  return records.flatMap((record) => checker.check(record, makeProduct({ id: record.sku })));
}
const codes = (issues: { severity: string; code: string }[]) => issues.map((i) => `${i.severity}:${i.code}`);

describe('amazon checker against a product-type schema', () => {
  it('passes valid products, variants included', () => {
    const records = transformAll([validFields(), validFields({ id: 'TEE-2', item_group_id: 'TEE' }), validFields({ id: 'TEE-3', item_group_id: 'TEE', size: 'L' })]);
    expect(check(records)).toEqual([]);
  });

  it('catches a value over maxUtf8ByteLength (counted in bytes, not characters)', () => {
    const title = 'é'.repeat(31); // 31 characters, 62 bytes; the fixture allows 60 bytes
    const issues = check([recordOf(validFields({ title }))]);
    expect(codes(issues)).toEqual(['error:amazon-maxUtf8ByteLength']);
    expect(issues[0]).toMatchObject({ productId: 'TEE-BLK-M', field: 'item_name', channel: 'amazon' });
    expect(issues[0]!.message).toContain('item_name[0].value');
    expect(check([recordOf(validFields({ title: 'é'.repeat(30) }))])).toEqual([]);
  });

  it('catches a repeated selector combination (maxUniqueItems over selectors)', () => {
    const record = recordOf(validFields());
    record.attributes!['item_name'] = [
      { value: 'Tee', language_tag: 'en_US', marketplace_id: mp },
      { value: 'Another tee', language_tag: 'en_US', marketplace_id: mp },
    ];
    const issues = check([record]);
    expect(codes(issues)).toEqual(['error:amazon-maxUniqueItems']);
    expect(issues[0]!.field).toBe('item_name');
    // Different selector values are different items.
    record.attributes!['item_name'] = [
      { value: 'Tee', language_tag: 'en_US', marketplace_id: mp },
      { value: 'Tee', language_tag: 'en_GB', marketplace_id: 'A1F83G8C2ARO7P' },
    ];
    expect(check([record])).toEqual([]);
  });

  it('plain Ajv with strict:false (Amazon sample app settings) lets both through', () => {
    const Ajv = AjvModule.default;
    const Ajv2019 = Ajv2019Module.default;
    const attributes = {
      ...recordOf(validFields()).attributes,
      item_name: [
        { value: 'é'.repeat(31), language_tag: 'en_US', marketplace_id: mp },
        { value: 'Another', language_tag: 'en_US', marketplace_id: mp },
      ],
    };
    const loose = new Ajv2019({ allErrors: true, strict: false, validateSchema: false });
    addFormatsModule.default(loose);
    expect(loose.validate(shirtSchema(), attributes)).toBe(true);
    const draft07 = new Ajv({ allErrors: true, strict: false, validateSchema: false });
    addFormatsModule.default(draft07);
    expect(draft07.validate(shirtSchema(), attributes)).toBe(true);
    // Ours catches both.
    const ours = createAmazonAjv({ metaSchema: metaSchema() }).compile(shirtSchema());
    expect(ours(attributes)).toBe(false);
    expect(ours.errors!.map((e) => e.keyword).sort()).toEqual(['maxUniqueItems', 'maxUtf8ByteLength']);
  });

  it('strict mode rejects keywords nobody registered, and the meta-schema checks ours', () => {
    const ajv = createAmazonAjv({ metaSchema: metaSchema() });
    expect(() => ajv.compile({ type: 'string', maxUtf16Length: 3 })).toThrow(/unknown keyword/);
    expect(() => ajv.compile({ $schema: 'https://schemas.amazon.com/selling-partners/definitions/product-types/meta-schema/v1', type: 'array', maxUniqueItems: 'two' })).toThrow();
  });

  it('minUtf8ByteLength and minUniqueItems', () => {
    const v = createAmazonAjv().compile({
      type: 'array',
      selectors: ['k'],
      minUniqueItems: 2,
      items: { type: 'object', properties: { k: { type: 'string', minUtf8ByteLength: 2 } } },
    });
    expect(v([{ k: 'ab' }, { k: 'cd' }])).toBe(true);
    expect(v([{ k: 'ab' }, { k: 'ab' }])).toBe(false);
    expect(v.errors!.map((e) => e.keyword)).toEqual(['minUniqueItems']);
    expect(v([{ k: 'é' }, { k: 'x' }])).toBe(false);
    expect(v.errors!.map((e) => e.keyword)).toEqual(['minUtf8ByteLength']);
  });

  it('warns when a value is outside an anyOf [string, enum] list', () => {
    const issues = check([recordOf(validFields({ color: 'Midnight Ocean' }))]);
    expect(codes(issues)).toEqual(['warning:amazon-enum-not-listed']);
    expect(issues[0]).toMatchObject({ field: 'color', productId: 'TEE-BLK-M' });
    expect(issues[0]!.message).toContain('color[0].value: "Midnight Ocean"');
  });

  it('reports missing required attributes for UPDATE but not for PARTIAL_UPDATE', () => {
    expect(codes(check([recordOf(validFields({ image_link: '' }))]))).toEqual(['error:amazon-required']);
    expect(check([recordOf(validFields({ image_link: '' }), { offerOnly: true })])).toEqual([]);
  });

  it('reports a missing identifier once, naming the exemption as the alternative (an anyOf of required attributes)', () => {
    const issues = check([recordOf(validFields({ gtin: '' }))]);
    expect(codes(issues)).toEqual(['error:amazon-required']);
    expect(issues[0]).toMatchObject({ field: 'externally_assigned_product_identifier', productId: 'TEE-BLK-M' });
    expect(issues[0]!.message).toBe('externally_assigned_product_identifier: is required, or else supplier_declared_has_product_identifier_exemption');
  });

  it('checks PATCH values, flags duplicate SKUs, and warns once about a product type without schema', () => {
    const patch: ListingsRecord = {
      sku: 'P-1',
      operationType: 'PATCH',
      productType: 'SHIRT',
      patches: [{ op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: -1 }] }],
    };
    expect(codes(check([patch]))).toEqual(['error:amazon-minimum']);
    const a = recordOf(validFields());
    expect(codes(check([a, a]))).toEqual(['error:amazon-duplicate-sku']);
    const luggage = recordOf(validFields({ 'amazon.product_type': 'LUGGAGE' }));
    const issues = check([luggage, { ...luggage, sku: 'OTHER' }]);
    expect(codes(issues)).toEqual(['warning:amazon-schema-missing']);
    expect(issues[0]!.message).toContain('omnifeed schema pull amazon --product-type LUGGAGE');
  });

  it('finds the bundled SHIRT schema when the configured folder has none', () => {
    const issues = check([recordOf(validFields({ title: 'é'.repeat(31) }))], { schemaDir: 'no/such/dir' });
    expect(issues).toEqual([]); // the bundled demo schema allows 200 bytes
    const long = check([recordOf(validFields({ title: 'é'.repeat(101) }))], { schemaDir: 'no/such/dir' });
    expect(codes(long)).toEqual(['error:amazon-maxUtf8ByteLength']);
  });
});
