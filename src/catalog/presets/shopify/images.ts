/** Product images of one handle (from every row's `Image Src`), in `Image Position` order. */
import { MULTI_VALUE_SEPARATOR } from '../../../model/product.js';
import { COL, cell, type ShopifyRecord } from './columns.js';

/** Google keeps at most 10 additional images. */
export const MAX_ADDITIONAL_IMAGES = 10;

interface Image {
  src: string;
  position: number;
  order: number;
}

export class ProductImages {
  private readonly images: Image[] = [];

  add(record: ShopifyRecord): void {
    const src = cell(record, COL.imageSrc);
    if (src === '') return;
    const position = Number(cell(record, COL.imagePosition));
    this.images.push({
      src: safeUrl(src),
      position: Number.isFinite(position) && position > 0 ? position : Number.MAX_SAFE_INTEGER,
      order: this.images.length,
    });
  }

  /** image_link (the variant's own image, else the first product image) and additional_image_link. */
  fieldsFor(variantImage: string): Record<string, string> {
    const ordered = [...this.images].sort((a, b) => a.position - b.position || a.order - b.order).map((i) => i.src);
    const main = variantImage !== '' ? safeUrl(variantImage) : ordered[0];
    if (main === undefined) return {};
    const additional = [...new Set(ordered)].filter((src) => src !== main).slice(0, MAX_ADDITIONAL_IMAGES);
    const fields: Record<string, string> = { image_link: main };
    if (additional.length > 0) fields['additional_image_link'] = additional.join(MULTI_VALUE_SEPARATOR);
    return fields;
  }
}

/** `|` separates multi values; a URL keeps it percent-encoded. */
function safeUrl(src: string): string {
  return src.replaceAll(MULTI_VALUE_SEPARATOR, '%7C');
}
