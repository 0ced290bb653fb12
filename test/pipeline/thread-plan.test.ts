import { describe, expect, it } from 'vitest';
import { DECODE_COST, maxLoad, planThreads, READER_COST } from '../../src/pipeline/thread-plan.js';
import { random } from '../support/random.js';

describe('planThreads', () => {
  it('puts the heaviest channel with the reader when that balances best (the bench: google, amazon, ebay)', () => {
    expect(planThreads([7, 5, 3], 2)).toEqual([[0], [1, 2]]);
  });

  it('gives the heaviest channel a thread of its own when there are threads to spare', () => {
    const groups = planThreads([7, 5, 3], 3);
    expect(groups).toHaveLength(3);
    expect(groups.slice(1)).toContainEqual([0]);
    expect(groups[0]).toHaveLength(1);
  });

  it('never starts more threads than the instances plus the reader, and keeps the reader even when it runs nothing', () => {
    expect(planThreads([7, 7], 8)).toEqual([[], [0], [1]]);
    expect(planThreads([7, 5], 8).length).toBeLessThanOrEqual(3);
    expect(planThreads([2], 1)).toEqual([[0]]);
    expect(planThreads([7, 5, 3], 0)).toEqual([[0, 1, 2]]);
  });

  it('places every instance exactly once, and matches a brute force on small cases', () => {
    const next = random(7);
    const int = (n: number) => Math.floor(next() * n);
    for (let round = 0; round < 200; round++) {
      const costs = Array.from({ length: 1 + int(6) }, () => 1 + int(9));
      const threads = 1 + int(4);
      const groups = planThreads(costs, threads);
      expect(groups.flat().sort((a, b) => a - b)).toEqual(costs.map((_, i) => i));
      const assignment: number[] = [];
      groups.forEach((g, t) => g.forEach((i) => { assignment[i] = t; }));
      const n = Math.min(threads, costs.length + 1);
      // No other assignment of these costs to n threads has a smaller busiest thread.
      let best = Infinity;
      const current = new Array<number>(costs.length).fill(0);
      const visit = (i: number): void => {
        if (i === costs.length) { best = Math.min(best, maxLoad(costs, current, n)); return; }
        for (let t = 0; t < n; t++) { current[i] = t; visit(i + 1); }
      };
      visit(0);
      expect(maxLoad(costs, assignment, groups.length)).toBeCloseTo(best, 9);
    }
  });

  it('falls back to a longest-first greedy plan for many instances, still balanced', () => {
    const costs = Array.from({ length: 40 }, (_, i) => 1 + (i % 7));
    const groups = planThreads(costs, 4);
    expect(groups).toHaveLength(4);
    const loads = groups.map((g, t) => g.reduce((sum, i) => sum + costs[i]!, t === 0 ? READER_COST : DECODE_COST));
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(7);
  });
});
