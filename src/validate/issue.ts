/** One problem found with one record (or the run), as every reporter prints it. */
export type Severity = 'error' | 'warning';

export interface Issue {
  severity: Severity;
  /** Stable machine code, e.g. `gtin-check-digit`, `schema-required`, `catalog-malformed-row`. */
  code: string;
  message: string;
  /** Channel instance (config key) the issue belongs to; absent for catalog issues. */
  channel?: string | undefined;
  productId?: string | undefined;
  /** Source line of the product in the catalog. */
  line?: number | undefined;
  /** Attribute / field name. */
  field?: string | undefined;
}

export function error(code: string, message: string, where: Partial<Issue> = {}): Issue {
  return { severity: 'error', code, message, ...where };
}

export function warning(code: string, message: string, where: Partial<Issue> = {}): Issue {
  return { severity: 'warning', code, message, ...where };
}
