/**
 * One marketplace row as the pipeline sees it: the SKU that identifies it, its cells keyed by
 * column key (the header, except eBay's parameterised `*Action(...)` which is keyed `*Action`),
 * and, for a variant of a variation listing, its group and variation details. Validated by
 * channel-schemas/marketplace-<profile>.schema.json.
 */
export interface MarketplaceRecord {
  sku: string;
  cells: Record<string, string>;
  variation?: MarketplaceVariation;
}

export interface MarketplaceVariation {
  /** The catalog's item_group_id: the parent listing's SKU. */
  group: string;
  /** Marketplace dimension name -> this variant's value, in dimension order (`Color` -> `Red`). */
  details: Record<string, string>;
}
