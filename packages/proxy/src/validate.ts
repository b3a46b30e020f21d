/**
 * Every body, query and path parameter is checked against the protocol's zod schemas before a
 * handler sees it. A failure is ST_ERR_VALIDATION with the paths and messages of what is wrong,
 * or ST_ERR_TOO_MANY_IDS when a list of ids is over its limit.
 */
import type { z } from 'zod';
import { ApiError, type ErrorDetail } from './errors.ts';

const MAX_DETAILS = 20;

/** A list of ids over its limit: an array too big, or a refinement counting ids (`… ids per …`). */
export function isTooManyIds(issue: z.core.$ZodIssue): boolean {
  return (
    (issue.code === 'too_big' && issue.origin === 'array') ||
    (issue.code === 'custom' && / ids per /.test(issue.message))
  );
}

export function issueDetails(error: z.ZodError, where?: string): ErrorDetail[] {
  return error.issues.slice(0, MAX_DETAILS).map((issue) => ({
    path: [...(where ? [where] : []), ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

export function validationError(error: z.ZodError, where?: string): ApiError {
  const tooMany = error.issues.some(isTooManyIds);
  return new ApiError(tooMany ? 'ST_ERR_TOO_MANY_IDS' : 'ST_ERR_VALIDATION', {
    details: issueDetails(error, where),
  });
}

export type InputPlace = 'body' | 'query' | 'params';

/** The parsed value, or an ApiError thrown for the client. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: InputPlace): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, where);
  return result.data;
}
