/** Google Merchant Center: RSS 2.0 XML and TSV product feeds, plus a local inventory side feed. */
import { defineChannel, type Channel } from '../contract.js';
import { createGoogleChecker } from './checks.js';
import { googleConfig } from './config.js';
import { localInventorySideFeeds } from './local-inventory.js';
import type { GoogleRecord } from './record.js';
import { transformProduct } from './transform.js';
import { createTsvFormat } from './tsv-format.js';
import { createXmlFormat } from './xml-format.js';

export type { GoogleRecord, ShippingEntry, ProductDetailEntry } from './record.js';

export const GOOGLE_FORMATS = ['xml', 'tsv'] as const;

const format: Channel<GoogleRecord>['format'] = (name, ctx) => {
  const config = googleConfig(ctx.config);
  if (name === 'xml') return createXmlFormat(config);
  if (name === 'tsv') return createTsvFormat(config);
  throw new Error(`google: unknown format "${name}" (known: ${GOOGLE_FORMATS.join(', ')})`);
};

export default defineChannel<GoogleRecord>({
  id: 'google',
  title: 'Google Merchant Center',
  schema: 'google-merchant.schema.json',
  configSchema: 'config-google.schema.json',
  formats: GOOGLE_FORMATS,
  defaultFormats: ['xml'],
  key: (record) => record.id,
  transform: transformProduct,
  createChecker: createGoogleChecker,
  format,
  sideFeeds: localInventorySideFeeds,
  // Transform, schema and checks about 3; writing XML about 2.5 and TSV about 1.5 (per-thread CPU, 100k products).
  cost: (formats) => 3 + (formats.includes('xml') ? 2.5 : 0) + (formats.includes('tsv') ? 1.5 : 0),
});
