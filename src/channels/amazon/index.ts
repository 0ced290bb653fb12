/** Amazon Selling Partner: JSON_LISTINGS_FEED files, checked against product-type schemas. */
import { defineChannel } from '../contract.js';
import { createAmazonChecker } from './checker.js';
import { createFeedFormat } from './feed-format.js';
import { MESSAGE_SCHEMA_FILE } from './feed-schema.js';
import type { ListingsRecord } from './record.js';
import { readAmazonSettings } from './settings.js';
import { transformProduct } from './transform.js';

export type { ListingsRecord } from './record.js';
export { deleteMessage, diffAttributes, patchMessage } from './messages.js';

export default defineChannel<ListingsRecord>({
  id: 'amazon',
  title: 'Amazon (JSON_LISTINGS_FEED)',
  schema: MESSAGE_SCHEMA_FILE,
  configSchema: 'config-amazon.schema.json',
  formats: ['json'],
  defaultFormats: ['json'],
  key: (record) => record.sku,
  transform: transformProduct,
  createChecker: createAmazonChecker,
  cost: () => 5,
  format(name, ctx) {
    if (name !== 'json') throw new RangeError(`amazon writes json, not ${name}`);
    return createFeedFormat(readAmazonSettings(ctx.config, ctx.instance), ctx.instance);
  },
});
