import { describe, expect, it } from 'vitest';
import amazon, { deleteMessage, diffAttributes, patchMessage } from '../../../src/channels/amazon/index.js';
import { compileSchemaFile } from '../../../src/validate/ajv.js';
import { makeContext, makeProduct, recordOf, transformAll, validFields } from './helpers.js';

const validateMessage = () => compileSchemaFile('amazon-listings-message.schema.json');

describe('amazon transform: attributes', () => {
  it('builds an UPDATE with Amazon value shapes', () => {
    const record = recordOf(
      validFields({
        bullet_point: 'Organic cotton | Relaxed fit||Machine washable',
        sale_price: '15.00 USD',
        sale_price_effective_date: '2026-02-01T00:00Z/2026-02-15T00:00-0500',
        shipping_weight: '0.25 kg',
        additional_image_link: 'https://shop.example/a.jpg|https://shop.example/b.jpg',
        asin: 'B000TEST01',
      }),
    );
    expect(record.operationType).toBe('UPDATE');
    expect(record.productType).toBe('SHIRT');
    expect(record.sku).toBe('TEE-BLK-M');
    const a = record.attributes!;
    const mp = 'ATVPDKIKX0DER';
    expect(a['item_name']).toEqual([{ value: 'Organic Cotton Tee', language_tag: 'en_US', marketplace_id: mp }]);
    expect(a['manufacturer']).toEqual([{ value: 'Northwind', language_tag: 'en_US', marketplace_id: mp }]);
    expect(a['bullet_point']!.map((b) => b['value'])).toEqual(['Organic cotton', 'Relaxed fit', 'Machine washable']);
    expect(a['externally_assigned_product_identifier']).toEqual([{ type: 'ean', value: '4006381333931', marketplace_id: mp }]);
    expect(a['merchant_suggested_asin']).toEqual([{ value: 'B000TEST01', marketplace_id: mp }]);
    expect(a['condition_type']).toEqual([{ value: 'new_new', marketplace_id: mp }]);
    expect(a['list_price']).toEqual([{ marketplace_id: mp, currency: 'USD', value_with_tax: 19.99 }]);
    expect(a['purchasable_offer']).toEqual([
      {
        marketplace_id: mp,
        currency: 'USD',
        audience: 'ALL',
        our_price: [{ schedule: [{ value_with_tax: 19.99 }] }],
        discounted_price: [{ schedule: [{ value_with_tax: 15, start_at: '2026-02-01T00:00:00.000Z', end_at: '2026-02-15T05:00:00.000Z' }] }],
      },
    ]);
    expect(a['fulfillment_availability']).toEqual([{ fulfillment_channel_code: 'DEFAULT', quantity: 12 }]);
    expect(a['main_product_image_locator']).toEqual([{ marketplace_id: mp, media_location: 'https://shop.example/img/tee.jpg' }]);
    expect(a['other_product_image_locator_2']).toEqual([{ marketplace_id: mp, media_location: 'https://shop.example/b.jpg' }]);
    expect(a['item_package_weight']).toEqual([{ unit: 'kilograms', value: 0.25, marketplace_id: mp }]);
    expect(Object.keys(a)).toEqual([...Object.keys(a)].sort());
    expect(validateMessage()(record)).toBe(true);
  });

  it('names the identifier type by GTIN length, and none when identifier_exists is no', () => {
    const kind = (gtin: string) => recordOf(validFields({ gtin })).attributes!['externally_assigned_product_identifier']![0]!['type'];
    expect(kind('036000291452')).toBe('upc');
    expect(kind('4006381333931')).toBe('ean');
    expect(kind('96385074')).toBe('ean');
    expect(kind('10036000291459')).toBe('gtin');
    const exempt = recordOf(validFields({ identifier_exists: 'no', gtin: '' })).attributes!;
    expect(exempt['externally_assigned_product_identifier']).toBeUndefined();
    expect(exempt['supplier_declared_has_product_identifier_exemption']).toEqual([{ value: true, marketplace_id: 'ATVPDKIKX0DER' }]);
    expect(recordOf(validFields({ identifier_exists: 'false' })).attributes!['externally_assigned_product_identifier']).toBeUndefined();
  });

  it('maps conditions and uses the amazon.product_type override, not Google product_type', () => {
    expect(recordOf(validFields({ condition: 'used' })).attributes!['condition_type']![0]!['value']).toBe('used_good');
    expect(recordOf(validFields({ condition: 'refurbished' })).attributes!['condition_type']![0]!['value']).toBe('refurbished_refurbished');
    expect(recordOf(validFields({ product_type: 'Apparel > Tops' })).productType).toBe('SHIRT');
    expect(recordOf(validFields({ 'amazon.product_type': 'LUGGAGE' })).productType).toBe('LUGGAGE');
    const none = amazon.transform(makeProduct(validFields()), makeContext({ productType: undefined }));
    expect(none.ok).toBe(false);
    expect(none.issues?.map((i) => i.code)).toEqual(['amazon-product-type-missing']);
  });

  it('applies the stock policy and treats out_of_stock without quantity as 0', () => {
    const qty = (fields: Record<string, string>, stock?: object) =>
      recordOf(validFields(fields), stock ? { stock } : {}).attributes!['fulfillment_availability']?.[0]?.['quantity'];
    expect(qty({ quantity: '10' }, { percent: 50, buffer: 1 })).toBe(4);
    expect(qty({ quantity: '3' }, { min: 5 })).toBe(0);
    expect(qty({ quantity: '-2' })).toBe(0);
    expect(qty({ quantity: '', availability: 'out_of_stock' })).toBe(0);
    expect(qty({ quantity: '' })).toBeUndefined();
  });

  it('merges static attributes per product type under the generated ones', () => {
    const mp = 'ATVPDKIKX0DER';
    const record = recordOf(validFields(), {
      attributes: {
        SHIRT: {
          department: [{ value: 'unisex-adult', language_tag: 'en_US', marketplace_id: mp }],
          brand: [{ value: 'Static brand', language_tag: 'en_US', marketplace_id: mp }],
        },
      },
    });
    expect(record.attributes!['department']).toEqual([{ value: 'unisex-adult', language_tag: 'en_US', marketplace_id: mp }]);
    expect(record.attributes!['brand']![0]!['value']).toBe('Northwind');
  });

  it('reports an unreadable price and still lists the product without an offer', () => {
    const result = amazon.transform(makeProduct(validFields({ price: 'cheap' })), makeContext());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.records[0]!.attributes!['purchasable_offer']).toBeUndefined();
    expect(result.issues?.map((i) => `${i.severity}:${i.code}`)).toContain('error:amazon-price-invalid');
  });
});

describe('amazon transform: offer only', () => {
  it('sends PARTIAL_UPDATE with purchasable_offer and fulfillment_availability only', () => {
    const record = recordOf(validFields({ item_group_id: 'TEE' }), { offerOnly: true });
    expect(record.operationType).toBe('PARTIAL_UPDATE');
    expect(record.requirements).toBeUndefined();
    expect(Object.keys(record.attributes!)).toEqual(['fulfillment_availability', 'purchasable_offer']);
    expect(validateMessage()(record)).toBe(true);
  });
});

describe('amazon transform: variants', () => {
  it('emits the parent once per run, with the first child of its group', () => {
    const ctx = makeContext();
    const records = transformAll(
      [
        validFields({ id: 'TEE-BLK-M', item_group_id: 'TEE' }),
        validFields({ id: 'TEE-BLK-L', item_group_id: 'TEE', size: 'L' }),
        validFields({ id: 'CAP-1', item_group_id: 'CAP', size: '' }),
      ],
      ctx,
    );
    expect(records.map((r) => r.sku)).toEqual(['TEE', 'TEE-BLK-M', 'TEE-BLK-L', 'CAP', 'CAP-1']);
    const [parent, child] = records;
    const mp = 'ATVPDKIKX0DER';
    expect(parent!.requirements).toBe('LISTING_PRODUCT_ONLY');
    expect(parent!.attributes!['parentage_level']).toEqual([{ marketplace_id: mp, value: 'parent' }]);
    expect(parent!.attributes!['variation_theme']).toEqual([{ name: 'COLOR/SIZE' }]);
    expect(parent!.attributes!['item_name']![0]!['value']).toBe('Organic Cotton Tee');
    expect(parent!.attributes!['purchasable_offer']).toBeUndefined();
    expect(child!.attributes!['parentage_level']).toEqual([{ marketplace_id: mp, value: 'child' }]);
    expect(child!.attributes!['child_parent_sku_relationship']).toEqual([{ marketplace_id: mp, child_relationship_type: 'variation', parent_sku: 'TEE' }]);
    expect(records[3]!.attributes!['variation_theme']).toEqual([{ name: 'COLOR' }]);
    for (const record of records) expect(validateMessage()(record)).toBe(true);

    // A new run (a new context object) starts over.
    expect(transformAll([validFields({ id: 'TEE-BLK-M', item_group_id: 'TEE' })]).map((r) => r.sku)).toEqual(['TEE', 'TEE-BLK-M']);
  });
});

describe('amazon PATCH and DELETE helpers', () => {
  it('diffs attributes into replace and delete patches', () => {
    const mp = 'ATVPDKIKX0DER';
    const before = { item_name: [{ value: 'Old', marketplace_id: mp }], color: [{ value: 'Red', marketplace_id: mp }], size: [{ value: 'M', marketplace_id: mp }] };
    const after = { item_name: [{ marketplace_id: mp, value: 'New' }], size: [{ marketplace_id: mp, value: 'M' }] };
    expect(diffAttributes(before, after)).toEqual([
      { op: 'delete', path: '/attributes/color', value: before.color },
      { op: 'replace', path: '/attributes/item_name', value: after.item_name },
    ]);
    const patch = patchMessage('SKU-1', 'SHIRT', after, before)!;
    expect(patch.operationType).toBe('PATCH');
    expect(validateMessage()(patch)).toBe(true);
    expect(patchMessage('SKU-1', 'SHIRT', after, after)).toBeUndefined();
    expect(validateMessage()(deleteMessage('SKU-1'))).toBe(true);
  });

  it('the message schema enforces the per-operation rules', () => {
    const v = validateMessage();
    expect(v({ sku: 'A', operationType: 'UPDATE', productType: 'SHIRT' })).toBe(false);
    expect(v({ sku: 'A', operationType: 'PARTIAL_UPDATE', productType: 'SHIRT', requirements: 'LISTING', attributes: { a: [{}] } })).toBe(false);
    expect(v({ sku: 'A', operationType: 'PATCH', productType: 'SHIRT', attributes: { a: [{}] }, patches: [{ op: 'add', path: '/attributes/a' }] })).toBe(false);
    expect(v({ sku: 'A', operationType: 'DELETE', productType: 'SHIRT' })).toBe(false);
    expect(v({ sku: 'A', operationType: 'UPDATE', productType: 'SHIRT', attributes: { a: [{}] }, patches: [{ op: 'add', path: '/attributes/a' }] })).toBe(false);
  });
});

describe('amazon transform: text and identifiers', () => {
  it('sends descriptions and bullets as plain text', () => {
    const a = recordOf(validFields({ description: '<p>Soft <b>organic</b> cotton &amp; a relaxed fit.</p>', bullet_point: '<b>Soft</b>|<i></i>' })).attributes!;
    expect(a['product_description']![0]!['value']).toBe('Soft organic cotton & a relaxed fit.');
    expect(a['bullet_point']!.map((b) => b['value'])).toEqual(['Soft']);
  });

  it('reports a GTIN with a wrong check digit', () => {
    const result = amazon.transform(makeProduct(validFields({ gtin: '4006381333932' })), makeContext());
    expect(result.issues?.map((i) => `${i.severity}:${i.code}:${i.field}`)).toEqual(['error:amazon-gtin-check-digit:gtin']);
  });
});

describe('amazon transform: additional images (read without a values array)', () => {
  it('skips blank parts, trims links, fills eight slots and warns with the count of all links', () => {
    const links = Array.from({ length: 10 }, (_, i) => ` https://shop.example/${i}.jpg `);
    const fields = validFields({ additional_image_link: `|${links.slice(0, 4).join('|')}| |${links.slice(4).join('||')}|` });
    const result = amazon.transform(makeProduct(fields), makeContext());
    if (!result.ok) throw new Error(result.reason);
    const a = result.records[0]!.attributes!;
    for (let i = 1; i <= 8; i++) {
      expect(a[`other_product_image_locator_${i}`]).toEqual([{ marketplace_id: 'ATVPDKIKX0DER', media_location: `https://shop.example/${i - 1}.jpg` }]);
    }
    expect(a['other_product_image_locator_9']).toBeUndefined();
    expect(result.issues?.map((i) => [i.code, i.message])).toEqual([
      ['amazon-too-many-images', '10 additional images; Amazon takes 8, the rest are left out'],
    ]);
  });

  it('reads one link without separators, and none from separators and spaces alone', () => {
    const one = recordOf(validFields({ additional_image_link: '  https://shop.example/x.jpg ' })).attributes!;
    expect(one['other_product_image_locator_1']).toEqual([{ marketplace_id: 'ATVPDKIKX0DER', media_location: 'https://shop.example/x.jpg' }]);
    expect(one['other_product_image_locator_2']).toBeUndefined();
    const none = recordOf(validFields({ additional_image_link: ' | |' })).attributes!;
    expect(Object.keys(none).filter((k) => k.startsWith('other_product_image'))).toEqual([]);
  });
});
