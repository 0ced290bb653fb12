import { describe, expect, it } from 'vitest';
import { IssueLog } from '../../src/pipeline/issue-log.js';
import { error, warning } from '../../src/validate/issue.js';

describe('IssueLog', () => {
  it('keeps issues up to its cap, then only counts them', () => {
    const log = new IssueLog(2);
    log.add({ ...error('a', 'first'), channel: 'google' });
    expect(log.keepsMore()).toBe(true);
    log.add({ ...warning('b', 'second'), channel: 'google' });
    expect(log.keepsMore()).toBe(false);
    log.tally('google', 'a', 'error');
    log.add({ ...error('a', 'fourth'), channel: 'amazon' });
    expect(log.kept.map((i) => i.message)).toEqual(['first', 'second']);
    expect(log.dropped).toBe(2);
    expect(log.totals()).toEqual([
      { channel: 'amazon', code: 'a', severity: 'error', count: 1 },
      { channel: 'google', code: 'a', severity: 'error', count: 2 },
      { channel: 'google', code: 'b', severity: 'warning', count: 1 },
    ]);
  });

  it('counts the same code separately per severity and channel, and merges another log', () => {
    const worker = new IssueLog(10);
    worker.tally('ebay', 'x', 'warning');
    worker.tally('ebay', 'x', 'error');
    worker.add({ ...warning('x', 'kept'), channel: 'ebay' });
    const main = new IssueLog(1);
    main.add(error('catalog-malformed-row', 'line 3'));
    main.merge(worker.state());
    expect(main.kept.map((i) => i.message)).toEqual(['line 3']);
    expect(main.dropped).toBe(1);
    expect(main.totals()).toEqual([
      { channel: undefined, code: 'catalog-malformed-row', severity: 'error', count: 1 },
      { channel: 'ebay', code: 'x', severity: 'error', count: 1 },
      { channel: 'ebay', code: 'x', severity: 'warning', count: 2 },
    ]);
  });
});
