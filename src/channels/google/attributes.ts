/**
 * The product data specification attributes omnifeed writes, in spec order. This one table drives
 * the transform, the XML element order and the TSV columns. Names and limits are in
 * channel-schemas/google-merchant.schema.json (a test keeps the two in step).
 */
export type AttributeKind =
  | 'id' // trimmed, whitespace collapsed, nothing else (bad characters are reported, not hidden)
  | 'text' // one line of text, HTML entities decoded
  | 'html' // description: HTML stripped unless keepHtml
  | 'url'
  | 'money'
  | 'enum'
  | 'yes-no'
  | 'integer'
  | 'datetime'
  | 'date-range' // `start/end`
  | 'gtin'
  | 'weight' // `3 kg`
  | 'dimension' // `20 cm`
  | 'unit-measure' // `750 ml`
  | 'shipping'
  | 'product-detail';

export interface AttributeSpec {
  readonly name: string;
  readonly kind: AttributeKind;
  /** Repeatable: the record holds an array of at most this many values. */
  readonly repeat?: number;
  /** Fixed values (after normalisation); the canonical spellings. */
  readonly values?: readonly string[];
}

export const AVAILABILITY = ['in_stock', 'out_of_stock', 'preorder', 'backorder'] as const;
export const CONDITION = ['new', 'refurbished', 'used'] as const;
export const GENDER = ['male', 'female', 'unisex'] as const;
export const AGE_GROUP = ['newborn', 'infant', 'toddler', 'kids', 'adult'] as const;
export const SIZE_TYPE = ['regular', 'petite', 'maternity', 'big', 'tall', 'plus'] as const;
export const SIZE_SYSTEM = ['US', 'UK', 'EU', 'DE', 'FR', 'JP', 'CN', 'IT', 'BR', 'MEX', 'AU'] as const;
export const DESTINATIONS = [
  'Shopping_ads', 'Buy_on_Google_listings', 'Display_ads', 'Local_inventory_ads',
  'Free_listings', 'Free_local_listings', 'YouTube_Shopping',
] as const;
export const ENERGY_CLASS = ['A+++', 'A++', 'A+', 'A', 'B', 'C', 'D', 'E', 'F', 'G'] as const;
export const PAUSE = ['ads'] as const;

const text = (name: string, repeat?: number): AttributeSpec => (repeat ? { name, kind: 'text', repeat } : { name, kind: 'text' });
const kind = (name: string, k: AttributeKind, repeat?: number): AttributeSpec => (repeat ? { name, kind: k, repeat } : { name, kind: k });
const oneOf = (name: string, values: readonly string[], repeat?: number): AttributeSpec =>
  repeat ? { name, kind: 'enum', values, repeat } : { name, kind: 'enum', values };

export const ATTRIBUTES: readonly AttributeSpec[] = [
  // Basic product data
  kind('id', 'id'),
  text('title'),
  kind('description', 'html'),
  kind('link', 'url'),
  kind('image_link', 'url'),
  kind('additional_image_link', 'url', 10),
  kind('lifestyle_image_link', 'url', 10),
  kind('mobile_link', 'url'),
  kind('ads_redirect', 'url'),
  // Price and availability
  oneOf('availability', AVAILABILITY),
  kind('availability_date', 'datetime'),
  kind('expiration_date', 'datetime'),
  kind('price', 'money'),
  kind('sale_price', 'money'),
  kind('sale_price_effective_date', 'date-range'),
  kind('cost_of_goods_sold', 'money'),
  kind('unit_pricing_measure', 'unit-measure'),
  kind('unit_pricing_base_measure', 'unit-measure'),
  kind('auto_pricing_min_price', 'money'),
  kind('maximum_retail_price', 'money'),
  // Product category
  text('google_product_category'),
  text('product_type', 5),
  // Product identifiers
  text('brand'),
  kind('gtin', 'gtin', 10),
  text('mpn'),
  kind('identifier_exists', 'yes-no'),
  // Detailed product description
  oneOf('condition', CONDITION),
  kind('adult', 'yes-no'),
  kind('multipack', 'integer'),
  kind('is_bundle', 'yes-no'),
  oneOf('energy_efficiency_class', ENERGY_CLASS),
  oneOf('min_energy_efficiency_class', ENERGY_CLASS),
  oneOf('max_energy_efficiency_class', ENERGY_CLASS),
  oneOf('age_group', AGE_GROUP),
  text('color'),
  oneOf('gender', GENDER),
  text('material'),
  text('pattern'),
  text('size'),
  oneOf('size_type', SIZE_TYPE),
  oneOf('size_system', SIZE_SYSTEM),
  text('item_group_id'),
  kind('product_length', 'dimension'),
  kind('product_width', 'dimension'),
  kind('product_height', 'dimension'),
  kind('product_weight', 'weight'),
  kind('product_detail', 'product-detail', 100),
  text('product_highlight', 100),
  // Shopping campaigns and other configurations
  text('custom_label_0'),
  text('custom_label_1'),
  text('custom_label_2'),
  text('custom_label_3'),
  text('custom_label_4'),
  text('promotion_id', 10),
  // Destinations
  oneOf('excluded_destination', DESTINATIONS, DESTINATIONS.length),
  oneOf('included_destination', DESTINATIONS, DESTINATIONS.length),
  text('shopping_ads_excluded_country', 100),
  oneOf('pause', PAUSE),
  // Shipping
  kind('shipping', 'shipping', 100),
  text('shipping_label'),
  kind('shipping_weight', 'weight'),
  kind('shipping_length', 'dimension'),
  kind('shipping_width', 'dimension'),
  kind('shipping_height', 'dimension'),
  text('ships_from_country'),
  kind('min_handling_time', 'integer'),
  kind('max_handling_time', 'integer'),
  text('transit_time_label'),
  // Marketplaces
  text('external_seller_id'),
];

export const ATTRIBUTE_NAMES: readonly string[] = ATTRIBUTES.map((a) => a.name);
