/** Product batches between the build's threads. */
import type { Product } from '../model/product.js';

/** A batch as it travels to another thread: the products (postMessage clones them) or their JSON text. */
export type BatchPayload = Product[] | string;

/**
 * Products on their way to the channel runs. For one receiving thread, the products themselves go to
 * postMessage, whose structured clone is the cheapest copy; for several, JSON text encoded once and
 * parsed by each (a product is strings and a line number, so JSON loses nothing) instead of one
 * clone per receiver.
 *
 * Not `v8.serialize`, encoded once for all: with it the reading thread promoted nearly every row it
 * sent to the old generation (~2.8 KB per row; its serializer seems to hold what it wrote until it is
 * itself collected) and ran a full collection every ~100 ms. postMessage's own serializer is freed at
 * once: no promotion, and ~2% fewer instructions for the whole build than JSON (callgrind, 20k bench
 * rows, two runs each: 29.42e9 and 29.59e9 against 30.18e9 and 30.16e9).
 */
export class Batch {
  private text: string | undefined;

  constructor(readonly products: Product[]) {}

  /** What to send when `receivers` threads get this batch. */
  payload(receivers: number): BatchPayload {
    if (receivers <= 1) return this.products;
    this.text ??= JSON.stringify(this.products);
    return this.text;
  }

  static decode(payload: BatchPayload): Product[] {
    return typeof payload === 'string' ? (JSON.parse(payload) as Product[]) : payload;
  }
}
