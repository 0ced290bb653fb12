/**
 * The generic profile: the columns are the config's (`columns: [{ "header": "SKU", "value": "{id}" }]`),
 * each a template over product fields. For marketplaces without a profile of their own.
 */
import { ConfigError } from '../../../errors.js';
import { configuredColumns } from '../columns.js';
import type { MarketplaceProfile } from './profile.js';

export const generic: MarketplaceProfile = {
  id: 'generic',
  title: 'Generic marketplace CSV',
  newlines: 'keep',
  columns(settings) {
    const columns = settings.config.columns ?? [];
    if (columns.length === 0) {
      throw new ConfigError(`${settings.path}.columns: the generic profile needs at least one column ({ "header": "SKU", "value": "{id}" })`);
    }
    return configuredColumns(columns, `${settings.path}.columns`);
  },
};
