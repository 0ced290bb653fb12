/** Shopify product CSV headers the preset reads (as Shopify's export and import template spell them). */
export const COL = {
  handle: 'Handle',
  title: 'Title',
  body: 'Body (HTML)',
  vendor: 'Vendor',
  productCategory: 'Product Category',
  type: 'Type',
  published: 'Published',
  status: 'Status',
  seoDescription: 'SEO Description',
  variantSku: 'Variant SKU',
  variantGrams: 'Variant Grams',
  variantWeightUnit: 'Variant Weight Unit',
  inventoryTracker: 'Variant Inventory Tracker',
  inventoryQty: 'Variant Inventory Qty',
  inventoryPolicy: 'Variant Inventory Policy',
  price: 'Variant Price',
  compareAtPrice: 'Variant Compare At Price',
  barcode: 'Variant Barcode',
  variantImage: 'Variant Image',
  imageSrc: 'Image Src',
  imagePosition: 'Image Position',
  googleCategory: 'Google Shopping / Google Product Category',
  gender: 'Google Shopping / Gender',
  ageGroup: 'Google Shopping / Age Group',
  mpn: 'Google Shopping / MPN',
  condition: 'Google Shopping / Condition',
  customProduct: 'Google Shopping / Custom Product',
} as const;

/** `Option1 Name` / `Option1 Value` ... up to three options per product. */
export const OPTION_NUMBERS = [1, 2, 3] as const;
export const optionName = (n: number): string => `Option${n} Name`;
export const optionValue = (n: number): string => `Option${n} Value`;
/** `Google Shopping / Custom Label 0` ... `4`. */
export const CUSTOM_LABEL_NUMBERS = [0, 1, 2, 3, 4] as const;
export const customLabel = (n: number): string => `Google Shopping / Custom Label ${n}`;

/** A source row: the CSV reader leaves empty cells out. */
export type ShopifyRecord = Readonly<Record<string, string>>;

/** The trimmed value of a cell; '' when empty or absent. */
export function cell(record: ShopifyRecord, column: string): string {
  return record[column]?.trim() ?? '';
}

/** Cells that only a variant row fills: a row with none of them is an image-only row. */
export const VARIANT_COLUMNS: readonly string[] = [
  COL.variantSku, COL.price, COL.compareAtPrice, COL.barcode, COL.inventoryQty, COL.variantGrams,
  ...OPTION_NUMBERS.map(optionValue),
];

export function isVariantRow(record: ShopifyRecord): boolean {
  return VARIANT_COLUMNS.some((column) => cell(record, column) !== '');
}
