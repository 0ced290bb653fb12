import { describe, expect, it } from 'vitest';
import { codePointLength, createAjv, mergeRequiredAlternatives, schemaIssues } from '../../src/validate/ajv.js';

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

describe('mergeRequiredAlternatives', () => {
  const validate = createAjv().compile({
    type: 'object',
    properties: {
      item: { type: 'object', anyOf: [{ required: ['gtin'] }, { required: ['mpn'] }, { required: ['exempt'] }] },
      kind: { anyOf: [{ type: 'string' }, { type: 'number' }] },
    },
    anyOf: [{ required: ['a'] }, { required: ['b'] }],
    required: ['name'],
  });

  it('reports "one of these" once per failed anyOf and place, and keeps every other error', () => {
    expect(validate({ item: {}, kind: true })).toBe(false);
    const issues = schemaIssues(validate.errors);
    // In ajv's order; the second `kind` type error is the same path and keyword, so it is not repeated.
    expect(issues.map((i) => i.message)).toEqual([
      'a: is required, or else b',
      'name: is required',
      'item.gtin: is required, or else mpn or exempt',
      'kind: must be string',
    ]);
    expect(issues.map((i) => i.field)).toEqual(['a', 'name', 'item.gtin', 'kind']);
    expect(validate.errors!.filter((e) => e.keyword === 'required')).toHaveLength(6);
  });

  it('leaves errors alone when no anyOf failed', () => {
    expect(validate({ name: 'x', a: 1, item: { mpn: 'M' } })).toBe(true);
    expect(validate({ a: 1 })).toBe(false);
    expect(mergeRequiredAlternatives(validate.errors!)).toBe(validate.errors);
  });
});
