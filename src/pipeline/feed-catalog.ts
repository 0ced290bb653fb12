/**
 * The catalog side of a build: reads the catalog once and hands its products on in batches, whether
 * to channel runs on the same thread and (from the reading worker) to other channel workers. Reader issues
 * are logged here; the counts travel back with the totals.
 */
import type { CatalogOptions } from '../catalog/read-catalog.js';
import { readCatalog } from '../catalog/read-catalog.js';
import type { Product } from '../model/product.js';
import { IssueLog, type IssueLogState } from './issue-log.js';
import { Batch } from './batch.js';

/**
 * Products per batch: big enough to amortise a message, small enough that a batch dies young. A batch
 * lives while every channel on its thread handles it (tens of KB of garbage per product); at 128 most
 * rows outlived two young-generation collections and were promoted (~2.8 KB per row, a full collection
 * every ~100 ms); at 32 almost none are.
 */
export const BATCH = 32;

export interface CatalogTotals {
  productsRead: number;
  /** Rows the reader or preset could not use (malformed, no id). */
  rowsRejected: number;
  /** Products a preset did not list (drafts, archived, unpublished). */
  productsSkipped: number;
  log: IssueLogState;
}

export interface FeedOptions {
  /** Issues kept in full (default: IssueLog's). */
  maxIssues?: number | undefined;
  progressEvery: number;
  onProgress?: ((productsRead: number) => void) | undefined;
}

/** Read the whole catalog into `push` (awaited: it applies back-pressure). */
export async function feedCatalog(catalog: CatalogOptions, push: (batch: Batch) => Promise<void>, options: FeedOptions): Promise<CatalogTotals> {
  const log = new IssueLog(options.maxIssues);
  let productsRead = 0;
  let rowsRejected = 0;
  let productsSkipped = 0;
  let batch: Product[] = [];
  for await (const item of readCatalog(catalog)) {
    if (item.kind === 'issue') {
      log.add(item.issue);
      if (item.issue.severity === 'error') rowsRejected++;
      continue;
    }
    if (item.kind === 'skipped') { productsSkipped += item.count; continue; }
    productsRead++;
    batch.push(item.product);
    if (batch.length >= BATCH) {
      await push(new Batch(batch));
      batch = [];
    }
    if (options.onProgress && productsRead % options.progressEvery === 0) options.onProgress(productsRead);
  }
  if (batch.length > 0) await push(new Batch(batch));
  return { productsRead, rowsRejected, productsSkipped, log: log.state() };
}
