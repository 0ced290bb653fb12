/** One JSON_LISTINGS_FEED message without its messageId (the writer numbers messages per file). */
export type OperationType = 'UPDATE' | 'PARTIAL_UPDATE' | 'PATCH' | 'DELETE';
export type Requirements = 'LISTING' | 'LISTING_PRODUCT_ONLY' | 'LISTING_OFFER_ONLY';

/** One value of an attribute: `{ value, language_tag, marketplace_id }` and the like. */
export type AttributeValue = Record<string, unknown>;
/** Attribute name -> values; every attribute is an array of objects. */
export type Attributes = Record<string, AttributeValue[]>;

export interface ListingsPatch {
  op: 'add' | 'replace' | 'merge' | 'delete';
  /** `/attributes/<name>` */
  path: string;
  value?: AttributeValue[];
}

export interface ListingsRecord {
  sku: string;
  operationType: OperationType;
  productType?: string;
  requirements?: Requirements;
  attributes?: Attributes;
  patches?: ListingsPatch[];
}

/** Offer attributes: the only ones an offer-only (PARTIAL_UPDATE) message carries. */
export const OFFER_ATTRIBUTES = ['purchasable_offer', 'fulfillment_availability'] as const;
