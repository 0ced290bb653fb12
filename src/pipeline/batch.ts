/** Product batches between the build's threads. */
import { deserialize, serialize } from 'node:v8';
import type { Product } from '../model/product.js';

/**
 * Products on their way to the channel runs. Worker threads get them encoded once (v8 serialisation,
 * the same format postMessage uses) and copied as bytes, instead of one structured clone per worker.
 */
export class Batch {
  private bytes: Uint8Array | undefined;

  constructor(readonly products: Product[]) {}

  encoded(): Uint8Array {
    this.bytes ??= serialize(this.products);
    return this.bytes;
  }

  static decode(bytes: Uint8Array): Product[] {
    return deserialize(bytes) as Product[];
  }
}
