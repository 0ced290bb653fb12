import type { StockPolicy } from '../channels/contract.js';

/**
 * Stock a channel may sell: `percent`% of the real quantity (rounded down), minus `buffer`,
 * capped at `max`. Below `min` the channel gets 0 (sell the last units elsewhere rather than
 * oversell); never negative, never more than there is. No policy publishes the quantity as it is.
 */
export function reserveStock(quantity: number, policy: StockPolicy | undefined): number {
  if (!Number.isFinite(quantity) || quantity <= 0) return 0;
  if (!policy) return Math.floor(quantity);
  let available = Math.floor((quantity * (policy.percent ?? 100)) / 100);
  available -= policy.buffer ?? 0;
  if (policy.max !== undefined) available = Math.min(available, policy.max);
  if (policy.min !== undefined && available < policy.min) return 0;
  return Math.max(0, available);
}
