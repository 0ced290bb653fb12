/**
 * Keys a run must remember to its end (ids, SKUs, variation groups, for duplicate checks) without
 * keeping the strings: a 64-bit hash of each key in an open-addressing table (linear probing, at most
 * 4/5 full, grown by half), 8 bytes a slot, plus 4 for an integer value (a catalog line) once any key
 * is stored with one. A million ids cost 12-18 MB instead of the strings and Map entries (~150 MB).
 * Two different keys share a 64-bit hash with a chance of about 3 in 100 million at a million keys;
 * the duplicate checks accept that.
 */
const EMPTY = 0;
const MIN_SIZE = 16;

export class KeyTable {
  private hi: Uint32Array;
  private lo: Uint32Array;
  /** Allocated by the first add() that passes a value; until then every key's value is 1. */
  private values: Int32Array | undefined;
  private used = 0;
  /** Grow before `used` passes this: 4/5 of the slots. */
  private limit: number;

  constructor(capacity = 1024) {
    const size = Math.max(MIN_SIZE, Math.ceil((capacity * 5) / 4) + 1);
    this.hi = new Uint32Array(size);
    this.lo = new Uint32Array(size);
    this.limit = Math.floor((size * 4) / 5);
  }

  get size(): number {
    return this.used;
  }

  has(key: string): boolean {
    return this.probe(key) >= 0;
  }

  /** The number stored with `key`, or undefined. */
  get(key: string): number | undefined {
    const slot = this.probe(key);
    if (slot < 0) return undefined;
    return this.values ? this.values[slot] : 1;
  }

  /**
   * Remember `key` with `value` (a 32-bit integer; default 1); false (and nothing changed) when the
   * key was already there.
   */
  add(key: string, value?: number): boolean {
    if (this.used >= this.limit) this.grow();
    const found = this.probe(key);
    if (found >= 0) return false;
    const slot = -found - 1;
    this.hi[slot] = H_HI;
    this.lo[slot] = H_LO;
    if (value !== undefined && value !== 1 && !this.values) this.values = new Int32Array(this.hi.length).fill(1);
    if (this.values) this.values[slot] = value ?? 1;
    this.used++;
    return true;
  }

  /** Hash `key` (into H_HI, H_LO) and probe for it: its slot, or -(the empty slot where it would go) - 1. */
  private probe(key: string): number {
    hash(key);
    const size = this.hi.length;
    let slot = home(H_LO, size);
    while (this.hi[slot] !== EMPTY || this.lo[slot] !== EMPTY) {
      if (this.hi[slot] === H_HI && this.lo[slot] === H_LO) return slot;
      if (++slot === size) slot = 0;
    }
    return -slot - 1;
  }

  private grow(): void {
    const { hi, lo, values } = this;
    const size = Math.floor(hi.length * 1.5);
    this.hi = new Uint32Array(size);
    this.lo = new Uint32Array(size);
    this.values = values ? new Int32Array(size) : undefined;
    this.limit = Math.floor((size * 4) / 5);
    for (let i = 0; i < hi.length; i++) {
      if (hi[i] === EMPTY && lo[i] === EMPTY) continue;
      let slot = home(lo[i]!, size);
      while (this.hi[slot] !== EMPTY || this.lo[slot] !== EMPTY) if (++slot === size) slot = 0;
      this.hi[slot] = hi[i]!;
      this.lo[slot] = lo[i]!;
      if (values) this.values![slot] = values[i]!;
    }
  }
}

/**
 * A hash's home slot in a table of any size: the top of `h * size / 2^32` (exact below 2^21 slots;
 * above, the rounding of the product stays far from the next integer, so the slot is below `size`).
 */
function home(h: number, size: number): number {
  return Math.floor((h * size) / 4294967296);
}

// The last hash, in two 32-bit halves (no allocation per key). (0, 0) marks an empty slot, so it is never produced.
let H_HI = 0;
let H_LO = 0;

function hash(key: string): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c ^ key.length;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a = fmix(a ^ Math.imul(b, 0x27d4eb2f));
  b = fmix(b ^ Math.imul(a, 0x165667b1));
  H_HI = a >>> 0;
  H_LO = b >>> 0;
  if (H_HI === EMPTY && H_LO === EMPTY) H_LO = 1;
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
