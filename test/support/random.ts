/** A small seeded PRNG (mulberry32), so a failure on generated input can be replayed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` strings of up to `maxTokens` tokens each; one token in ten is a random UTF-16 code unit. */
export function randomStrings(tokens: readonly string[], seed: number, count: number, maxTokens: number): string[] {
  const next = random(seed);
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    let s = '';
    const length = Math.floor(next() * maxTokens);
    for (let t = 0; t < length; t++) {
      const r = next();
      if (r < 0.1) s += String.fromCharCode(Math.floor(next() * 0x10000));
      else s += tokens[Math.floor(next() * tokens.length)]!;
    }
    out.push(s);
  }
  return out;
}
