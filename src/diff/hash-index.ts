/**
 * key -> 16-byte hash for a whole feed, kept compactly: the Map holds a slot number and the hashes
 * live in one growing Buffer, with one "seen in the other feed" flag per slot.
 */
export const HASH_BYTES = 16;

export class HashIndex {
  private readonly slots = new Map<string, number>();
  private hashes = Buffer.alloc(HASH_BYTES * 1024);
  private seenFlags = new Uint8Array(1024);
  private seenCount = 0;

  get size(): number {
    return this.slots.size;
  }

  get seen(): number {
    return this.seenCount;
  }

  /** Store a key's hash; true when the key was already there (the new hash replaces the old). */
  set(key: string, hash: Buffer): boolean {
    let slot = this.slots.get(key);
    const duplicate = slot !== undefined;
    if (slot === undefined) {
      slot = this.slots.size;
      this.grow(slot + 1);
      this.slots.set(key, slot);
    }
    hash.copy(this.hashes, slot * HASH_BYTES, 0, HASH_BYTES);
    return duplicate;
  }

  slot(key: string): number | undefined {
    return this.slots.get(key);
  }

  sameHash(slot: number, hash: Buffer): boolean {
    return this.hashes.compare(hash, 0, HASH_BYTES, slot * HASH_BYTES, (slot + 1) * HASH_BYTES) === 0;
  }

  /** Mark a slot seen; true when it already was. */
  markSeen(slot: number): boolean {
    if (this.seenFlags[slot] === 1) return true;
    this.seenFlags[slot] = 1;
    this.seenCount++;
    return false;
  }

  /** Keys never marked seen. */
  *unseenKeys(): Generator<string> {
    for (const [key, slot] of this.slots) if (this.seenFlags[slot] !== 1) yield key;
  }

  private grow(count: number): void {
    if (count <= this.seenFlags.length) return;
    const capacity = this.seenFlags.length * 2;
    const hashes = Buffer.alloc(capacity * HASH_BYTES);
    this.hashes.copy(hashes);
    this.hashes = hashes;
    const flags = new Uint8Array(capacity);
    flags.set(this.seenFlags);
    this.seenFlags = flags;
  }
}
