/** Delimiter sniffing: the candidate that occurs most often (outside quotes) in the header line (the first non-empty one). */
const CANDIDATES = [',', ';', '\t', '|'] as const;

export function sniffDelimiter(sample: string): string {
  const counts = new Map<string, number>(CANDIDATES.map((c) => [c, 0]));
  let inQuotes = false;
  for (const ch of sample.replace(/^\uFEFF?[\r\n]+/, '')) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best: string = ',';
  let bestCount = 0;
  for (const c of CANDIDATES) {
    const n = counts.get(c) ?? 0;
    if (n > bestCount) { best = c; bestCount = n; }
  }
  return best;
}
