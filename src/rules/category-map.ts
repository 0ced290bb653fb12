/**
 * Category maps: `product_type` path prefix -> a channel's category (`{ "Apparel > Tops": "212" }`).
 * The longest prefix that ends at a `>` boundary wins; `A>B` and ` A > B ` read as `A > B`.
 * Used by the categoryMap rule and by marketplace profiles (eBay's *Category).
 */
const CATEGORY_SEPARATOR_RE = /\s*>\s*/g;

/** `A>B` and ` A > B ` read as `A > B`; a path already written so is returned as it is. */
export function normalizeCategoryPath(text: string): string {
  if (!text.includes('>')) return text.trim();
  if (text.replace(CATEGORY_SEPARATOR_RE, ' > ') === text && text.trim() === text) return text;
  return text.split('>').map((part) => part.trim()).filter((part) => part !== '').join(' > ');
}

/** A lookup from a product_type path to the mapped value; `foldCase` ignores letter case. */
export function compileCategoryMap(map: Readonly<Record<string, string>>, options: { foldCase?: boolean } = {}): (path: string) => string | undefined {
  const fold = (text: string) => (options.foldCase ? text.toLowerCase() : text);
  // Longest first; equal lengths keep config order.
  const entries = Object.entries(map)
    .map(([prefix, value]) => ({ prefix: fold(normalizeCategoryPath(prefix)), value }))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  return (text) => {
    const path = fold(normalizeCategoryPath(text));
    for (const { prefix, value } of entries) {
      if (path === prefix || (path.startsWith(prefix) && path.startsWith(' > ', prefix.length))) return value;
    }
    return undefined;
  };
}
