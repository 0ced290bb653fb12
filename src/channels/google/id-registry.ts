/**
 * The ids of one run, for Google's two id checks: the same id twice (an error) and ids that differ only
 * by letter case (a warning: Google may treat them as one product). Hashed (see KeyTable).
 *
 * Every id goes into `exact`. A second table keyed by the lower-cased id would double the memory, so
 * `folded` holds only ids whose case cannot be found from the exact table: ASCII ids in mixed case and
 * ids with other letters. For an ASCII id in one case the other spellings to look for are its all-lower
 * and all-upper forms (in `exact`) and any mixed one (in `folded`); an id without letters has no other
 * spelling. The usual SKU (`SKU-00042`, `ab-12`) thus costs one entry, not two.
 */
import { KeyTable } from '../../model/key-table.js';

const ASCII = /^[\x00-\x7f]*$/;

export type IdVerdict =
  | { kind: 'new' }
  | { kind: 'duplicate'; firstLine: number }
  | { kind: 'case-collision'; firstLine: number };

export class IdRegistry {
  /** Id -> the line of its first product. */
  private readonly exact = new KeyTable();
  /** Lower-cased id -> the line of the first product with such a spelling, for mixed-case or non-ASCII ids. */
  private readonly folded = new KeyTable();

  /** Record `id` (seen on `line`) and say whether it repeats an earlier id, exactly or up to letter case. */
  add(id: string, line: number): IdVerdict {
    const first = this.exact.get(id);
    if (first !== undefined) return { kind: 'duplicate', firstLine: first };
    this.exact.add(id, line);
    const lower = id.toLowerCase();
    const upper = lower.toUpperCase();
    if (lower === upper) return { kind: 'new' }; // no letters
    let firstLine = this.folded.get(lower);
    const ascii = ASCII.test(id);
    if (id !== lower) firstLine = earlier(firstLine, this.exact.get(lower));
    // The all-upper spelling is upper(lower) for ASCII (for other letters the folded table has them).
    if (id !== upper && ASCII.test(lower)) firstLine = earlier(firstLine, this.exact.get(upper));
    if (!ascii || (id !== lower && id !== upper)) {
      if (this.folded.get(lower) === undefined) this.folded.add(lower, line);
    }
    return firstLine === undefined ? { kind: 'new' } : { kind: 'case-collision', firstLine };
  }
}

function earlier(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}
