/**
 * Marketplace CSV: one channel type, many instances. Each `channels.<name>` block with
 * `"type": "marketplace"` names a profile (`ebay`, `generic`) and writes `<out>/<name>.csv` in that
 * marketplace's conventions, quoted per RFC 4180 and with formulas neutralised in text columns.
 */
import { defineChannel } from '../contract.js';
import { createMarketplaceChecker } from './checker.js';
import { createCsvFormat } from './csv-format.js';
import type { MarketplaceRecord } from './record.js';
import { planFor } from './settings.js';
import { transformProduct } from './transform.js';
import { ConfigError } from '../../errors.js';

export type { MarketplaceRecord } from './record.js';

export default defineChannel<MarketplaceRecord>({
  id: 'marketplace',
  title: 'Marketplace CSV',
  schema: (ctx) => `marketplace-${planFor(ctx).profile.id}.schema.json`,
  configSchema: 'config-marketplace.schema.json',
  formats: ['csv'],
  defaultFormats: ['csv'],
  key: (record) => record.sku,
  transform: transformProduct,
  createChecker: createMarketplaceChecker,
  cost: () => 3,
  format(name, ctx) {
    if (name !== 'csv') throw new ConfigError(`channels.${ctx.instance}.formats: marketplace writes csv, not "${name}"`);
    return createCsvFormat(planFor(ctx));
  },
});
