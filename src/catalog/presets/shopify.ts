/**
 * The Shopify product CSV preset. Shopify writes one row per variant; product fields only on the
 * first row of a handle; image-only rows (a handle and an image, no variant cells) after the variants.
 * So the mapper buffers one handle's rows and maps them when the handle changes or at the end:
 * memory holds one product, never the catalog.
 *
 * Drafts, archived and unpublished (`Published` FALSE) products are dropped and counted in
 * `skipped` (one per variant, the unit Products are counted in) unless `includeUnpublished` is set;
 * every product carries `status` and `published` so channels can still tell.
 */
import type { Product } from '../../model/product.js';
import { error, warning, type Issue } from '../../validate/issue.js';
import type { MapOutput, Preset, PresetSettings, RowMapper } from '../preset.js';
import { COL, OPTION_NUMBERS, cell, isVariantRow, optionName, type ShopifyRecord } from './shopify/columns.js';
import { ProductImages } from './shopify/images.js';
import { isListed, mapProductFields, readListingState } from './shopify/product-fields.js';
import { mapVariantFields } from './shopify/variant-fields.js';

interface VariantRow {
  record: ShopifyRecord;
  line: number;
}

interface HandleGroup {
  handle: string;
  /** The row with the product fields: the one with a Title (the handle's first row until one turns up). */
  first: ShopifyRecord;
  firstLine: number;
  variants: VariantRow[];
  images: ProductImages;
}

const NOTHING: MapOutput = { products: [], issues: [] };

export function createShopifyMapper(settings: PresetSettings): RowMapper {
  let group: HandleGroup | undefined;

  function flush(): MapOutput {
    const done = group;
    group = undefined;
    return done ? mapHandleGroup(done, settings) : NOTHING;
  }

  return {
    row(record, line) {
      const handle = cell(record, COL.handle);
      if (handle === '') {
        if (Object.values(record).every((value) => value.trim() === '')) return NOTHING;
        return { products: [], issues: [error('shopify-missing-handle', `line ${line}: row has no Handle; row skipped`, { line, field: 'Handle' })] };
      }
      let out = NOTHING;
      if (group?.handle !== handle) {
        out = flush();
        group = { handle, first: record, firstLine: line, variants: [], images: new ProductImages() };
      } else if (cell(group.first, COL.title) === '' && cell(record, COL.title) !== '') {
        // Rows sorted by SKU in a spreadsheet: the product fields (Title, Status, option names) come later.
        group.first = record;
        group.firstLine = line;
      }
      group.images.add(record);
      if (isVariantRow(record)) group.variants.push({ record, line });
      return out;
    },
    end: flush,
  };
}

function mapHandleGroup(group: HandleGroup, settings: PresetSettings): MapOutput {
  const { handle, first, variants } = group;
  const state = readListingState(first);
  if (!isListed(state) && !settings.includeUnpublished) return { products: [], issues: [], skipped: variants.length };

  const issues: Issue[] = [];
  if (cell(first, COL.title) === '') {
    issues.push(warning('shopify-missing-product-fields',
      `line ${group.firstLine}: no row of handle "${handle}" here has a Title; keep a handle's rows together, one of them with the product fields`,
      { line: group.firstLine, field: 'title' }));
  }
  if (variants.length === 0) {
    issues.push(warning('shopify-no-variants', `handle "${handle}" has no variant row (SKU, option or price); nothing listed`, { line: group.firstLine }));
  }
  const productFields = mapProductFields(first, handle, settings.storeUrl);
  const optionNames = OPTION_NUMBERS.map((n) => cell(first, optionName(n)));
  const mpn = cell(first, COL.mpn);
  const products: Product[] = variants.map(({ record, line }, index) => {
    const sku = cell(record, COL.variantSku);
    const id = sku || `${handle}-${index + 1}`;
    if (sku === '') {
      issues.push(warning('shopify-missing-sku', `line ${line}: variant ${index + 1} of "${handle}" has no Variant SKU; id "${id}" used`, { productId: id, line, field: 'id' }));
    }
    const variant = mapVariantFields(record, optionNames, mpn, id, line);
    issues.push(...variant.issues);
    const fields: Record<string, string> = {
      id,
      ...(variants.length > 1 ? { item_group_id: handle } : {}),
      ...variant.fields,
      ...productFields,
      ...group.images.fieldsFor(cell(record, COL.variantImage)),
      status: state.status,
      published: String(state.published),
    };
    return { id, line, fields };
  });
  return { products, issues };
}

export const shopify: Preset = {
  name: 'shopify',
  createMapper: createShopifyMapper,
};
