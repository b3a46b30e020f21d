import { describe, expect, it } from 'vitest';
import { ERROR_CODE_NAMES, isErrorCode } from './error-codes.ts';
import { ERRORS } from './errors.ts';

describe('error codes', () => {
  it('lists every code of the catalogue, in its order', () => {
    expect(ERROR_CODE_NAMES).toEqual(Object.keys(ERRORS));
  });

  it('knows the catalogue codes and nothing else', () => {
    expect(isErrorCode('ST_ERR_VALIDATION')).toBe(true);
    expect(isErrorCode('ST_ERR_FROM_THE_FUTURE')).toBe(false);
    expect(isErrorCode(42)).toBe(false);
  });
});
