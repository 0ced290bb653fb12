import { describe, expect, it } from 'vitest';
import { codePointLength, createAjv, schemaIssues } from '../../src/validate/ajv.js';

describe('length keywords count code points, as JSON Schema says', () => {
  const ajv = createAjv();
  const validate = ajv.compile({ type: 'object', properties: { t: { type: 'string', maxLength: 5, minLength: 2 } } });

  it.each([
    ['abcde', true],
    ['abcdef', false],
    ['😀😀😀😀😀', true], // 5 code points, 10 UTF-16 units
    ['😀😀😀😀😀😀', false],
    ['a😀', true],
    ['😀', false], // 1 code point < minLength 2, though 2 UTF-16 units
    ['ab', true],
    ['a', false],
  ])('%j -> %s', (t, ok) => expect(validate({ t })).toBe(ok));

  it('reports the limit like ajv does', () => {
    validate({ t: 'abcdefgh' });
    expect(schemaIssues(validate.errors)).toEqual([
      expect.objectContaining({ code: 'schema-maxLength', field: 't', message: 't: must NOT have more than 5 characters' }),
    ]);
  });

  it('counts surrogate pairs once and lone surrogates as one', () => {
    expect(codePointLength('a😀b')).toBe(3);
    expect(codePointLength('\uD800x')).toBe(2);
  });
});
