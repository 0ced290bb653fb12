/** Product batches between the build's threads. */
import type { Product } from '../model/product.js';

/**
 * Products on their way to the channel runs. Worker threads get them encoded once, as JSON text, which
 * postMessage copies as a flat string (a product is strings and a line number, so JSON loses nothing).
 * Not v8.serialize: with it, the reading thread promoted nearly every row it sent to the old generation
 * (about 2.8 KB per row; the serializer seems to hold what it wrote until it is itself collected) and ran
 * a full collection every ~100 ms. With JSON it promotes almost nothing, and the build runs ~1.5% fewer
 * instructions (callgrind, 20k bench rows).
 */
export class Batch {
  private text: string | undefined;

  constructor(readonly products: Product[]) {}

  encoded(): string {
    this.text ??= JSON.stringify(this.products);
    return this.text;
  }

  static decode(text: string): Product[] {
    return JSON.parse(text) as Product[];
  }
}
