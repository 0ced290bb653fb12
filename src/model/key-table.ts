/**
 * Keys a run must remember to its end (ids, SKUs, variation groups, for duplicate checks) without
 * keeping the strings: a 64-bit hash of each key in an open-addressing table, 16 bytes a key plus a
 * number value, so a million ids cost about 40 MB instead of the strings and Map entries (~150 MB).
 * Two different keys share a 64-bit hash with a chance of about 3 in 100 million at a million keys;
 * the duplicate checks accept that.
 */
const EMPTY = 0;

export class KeyTable {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private values: Float64Array;
  private used = 0;

  constructor(capacity = 1024) {
    const size = 1 << Math.ceil(Math.log2(Math.max(16, capacity * 2)));
    this.hi = new Uint32Array(size);
    this.lo = new Uint32Array(size);
    this.values = new Float64Array(size);
  }

  get size(): number {
    return this.used;
  }

  has(key: string): boolean {
    return this.find(key) >= 0;
  }

  /** The number stored with `key`, or undefined. */
  get(key: string): number | undefined {
    const slot = this.find(key);
    return slot >= 0 ? this.values[slot] : undefined;
  }

  /** Remember `key` with `value`; false (and nothing changed) when the key was already there. */
  add(key: string, value = 1): boolean {
    if ((this.used + 1) * 2 > this.hi.length) this.grow();
    hash(key);
    let slot = H_LO & (this.hi.length - 1);
    while (this.hi[slot] !== EMPTY || this.lo[slot] !== EMPTY) {
      if (this.hi[slot] === H_HI && this.lo[slot] === H_LO) return false;
      slot = (slot + 1) & (this.hi.length - 1);
    }
    this.hi[slot] = H_HI;
    this.lo[slot] = H_LO;
    this.values[slot] = value;
    this.used++;
    return true;
  }

  private find(key: string): number {
    hash(key);
    let slot = H_LO & (this.hi.length - 1);
    while (this.hi[slot] !== EMPTY || this.lo[slot] !== EMPTY) {
      if (this.hi[slot] === H_HI && this.lo[slot] === H_LO) return slot;
      slot = (slot + 1) & (this.hi.length - 1);
    }
    return -1;
  }

  private grow(): void {
    const { hi, lo, values } = this;
    const size = hi.length * 2;
    this.hi = new Uint32Array(size);
    this.lo = new Uint32Array(size);
    this.values = new Float64Array(size);
    for (let i = 0; i < hi.length; i++) {
      if (hi[i] === EMPTY && lo[i] === EMPTY) continue;
      let slot = lo[i]! & (size - 1);
      while (this.hi[slot] !== EMPTY || this.lo[slot] !== EMPTY) slot = (slot + 1) & (size - 1);
      this.hi[slot] = hi[i]!;
      this.lo[slot] = lo[i]!;
      this.values[slot] = values[i]!;
    }
  }
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
