/**
 * Which thread runs which channel instances. The first thread also reads the catalog and runs its
 * share of the channels on the products it has just parsed; the others get product batches from it.
 * On a 2-core machine two busy threads beat five: every extra thread adds a heap and a copy of each
 * batch, and the cores are shared anyway.
 */

/**
 * Relative CPU per product of reading the catalog (parse, copy, encode batches for the other
 * threads), in the units of `Channel.cost`: about 10 µs per product on the bench machine.
 */
export const READER_COST = 3;
/** Relative CPU per product of taking in the batches a thread receives (~3 µs cloned, ~5 µs as JSON, on the bench). */
export const DECODE_COST = 1;
/** Cost of a channel that declares none. */
export const DEFAULT_COST = 3;

/** Brute force up to this many assignments; past it, longest-first greedy. */
const EXHAUSTIVE = 50_000;

/**
 * Spread instances (their costs, in config order) over at most `threads` threads so the busiest
 * thread's load is smallest. Returns the instance indexes per thread; thread 0 is the reader and is
 * always present (it may run no instance); other threads are present only when they run something.
 * Deterministic: ties go to the assignment that is first in enumeration order.
 */
export function planThreads(costs: readonly number[], threads: number): number[][] {
  const n = Math.max(1, Math.min(threads, costs.length + 1));
  const assignment = n ** costs.length <= EXHAUSTIVE ? bestAssignment(costs, n) : greedyAssignment(costs, n);
  const groups: number[][] = Array.from({ length: n }, () => []);
  assignment.forEach((thread, instance) => groups[thread]!.push(instance));
  return [groups[0]!, ...groups.slice(1).filter((g) => g.length > 0)];
}

/** The busiest thread's load for an assignment (instance -> thread). */
export function maxLoad(costs: readonly number[], assignment: readonly number[], threads: number): number {
  const loads = new Array<number>(threads).fill(0);
  loads[0] = READER_COST;
  assignment.forEach((thread, i) => {
    if (thread !== 0 && loads[thread] === 0) loads[thread] = DECODE_COST;
    loads[thread]! += costs[i]!;
  });
  return Math.max(...loads);
}

function bestAssignment(costs: readonly number[], threads: number): number[] {
  const current = new Array<number>(costs.length).fill(0);
  let best = [...current];
  let bestLoad = maxLoad(costs, current, threads);
  const visit = (i: number) => {
    if (i === costs.length) {
      const load = maxLoad(costs, current, threads);
      if (load < bestLoad - 1e-9) { bestLoad = load; best = [...current]; }
      return;
    }
    for (let t = 0; t < threads; t++) { current[i] = t; visit(i + 1); }
  };
  visit(0);
  return best;
}

function greedyAssignment(costs: readonly number[], threads: number): number[] {
  const loads = new Array<number>(threads).fill(DECODE_COST);
  loads[0] = READER_COST;
  const assignment = new Array<number>(costs.length).fill(0);
  const order = costs.map((_, i) => i).sort((a, b) => costs[b]! - costs[a]! || a - b);
  for (const i of order) {
    let t = 0;
    for (let k = 1; k < threads; k++) if (loads[k]! < loads[t]!) t = k;
    assignment[i] = t;
    loads[t]! += costs[i]!;
  }
  return assignment;
}
