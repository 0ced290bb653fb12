/** Columns and templates written in config, compiled once (ConfigError names the bad path). */
import { ConfigError } from '../../errors.js';
import type { ColumnSpec } from './profiles/profile.js';
import type { ColumnConfig } from './settings.js';
import { compileTemplate, type Template } from '../../rules/template.js';
import { templateValue } from './values.js';

/** A template from config, or a ConfigError naming where it is. */
export function compileConfigTemplate(source: string, where: string): Template {
  const result = compileTemplate(source);
  if (!result.ok) throw new ConfigError(`${where}: ${result.reason}`);
  return result.template;
}

/** Columns written as configured (`{ header, value, kind, required, maxLength }`). */
export function configuredColumns(configs: readonly ColumnConfig[], where: string): ColumnSpec[] {
  return configs.map((column, i) => {
    const template = compileConfigTemplate(column.value, `${where}[${i}].value`);
    const spec: ColumnSpec = {
      key: column.header,
      kind: column.kind ?? 'text',
      source: template.fields.join(', '),
      value: templateValue(template),
    };
    if (column.required) spec.required = true;
    if (column.maxLength !== undefined) spec.maxLength = column.maxLength;
    return spec;
  });
}
