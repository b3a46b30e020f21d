/**
 * Every error the proxy answers is `{"error":{"code","message","details"?}}` with the catalogue's
 * status. Handlers throw `ApiError`; Fastify's own errors (body parsing, limits) are translated
 * here, and anything unexpected becomes ST_ERR_INTERNAL (and is logged) without leaking details.
 */
import { ERRORS, type ErrorBody, type ErrorCode, isErrorCode } from '@st/protocol';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { CommunityUnavailableError } from './community/types.ts';
import { DirectoryUnavailableError } from './directory/types.ts';

export type ErrorDetail = NonNullable<ErrorBody['error']['details']>[number];

export class ApiError extends Error {
  override name = 'ApiError';
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly details: ErrorDetail[] | undefined;
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    options: { message?: string; details?: ErrorDetail[]; headers?: Record<string, string> } = {},
  ) {
    super(options.message ?? ERRORS[code].message);
    this.code = code;
    this.statusCode = ERRORS[code].status;
    this.details = options.details;
    this.headers = options.headers ?? {};
  }

  toBody(): ErrorBody {
    return {
      error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) },
    };
  }
}

/** Fastify's error codes for a client's mistakes, and what the catalogue calls them. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'ST_ERR_MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'ST_ERR_MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'ST_ERR_BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'ST_ERR_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'ST_ERR_VALIDATION',
  FST_ERR_BAD_URL: 'ST_ERR_VALIDATION',
  FST_ERR_ASYNC_CONSTRAINT: 'ST_ERR_VALIDATION',
};

/** A client-error status without a more precise code. */
const BY_STATUS: Record<number, ErrorCode> = {
  404: 'ST_ERR_NOT_FOUND',
  405: 'ST_ERR_METHOD_NOT_ALLOWED',
  413: 'ST_ERR_BODY_TOO_LARGE',
  415: 'ST_ERR_UNSUPPORTED_MEDIA_TYPE',
  429: 'ST_ERR_RATE_LIMITED',
};

/** The catalogue error for anything thrown; `internal` says whether it was unexpected. */
export function toApiError(error: unknown): { apiError: ApiError; internal: boolean } {
  if (error instanceof ApiError) return { apiError: error, internal: false };
  if (error instanceof DirectoryUnavailableError) {
    return { apiError: new ApiError('ST_ERR_DIRECTORY_UNAVAILABLE'), internal: false };
  }
  if (error instanceof CommunityUnavailableError) {
    return { apiError: new ApiError('ST_ERR_COMMUNITY_UNAVAILABLE'), internal: false };
  }
  const fastifyError = error as Partial<FastifyError> | null;
  const mapped = fastifyError?.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (mapped) return { apiError: new ApiError(mapped), internal: false };
  if (isErrorCode(fastifyError?.code)) return { apiError: new ApiError(fastifyError.code), internal: false };
  const status = fastifyError?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { apiError: new ApiError(BY_STATUS[status] ?? 'ST_ERR_VALIDATION'), internal: false };
  }
  return { apiError: new ApiError('ST_ERR_INTERNAL'), internal: true };
}

export type ErrorObserver = (code: ErrorCode) => void;

/** Sends an error answer; the one place error bodies are written. */
export function sendError(reply: FastifyReply, error: ApiError, observe: ErrorObserver): FastifyReply {
  observe(error.code);
  return reply.code(error.statusCode).headers(error.headers).type('application/json').send(error.toBody());
}

/** The error handler for the whole app. */
export function makeErrorHandler(observe: ErrorObserver) {
  return (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const { apiError, internal } = toApiError(error);
    if (internal) request.log.error({ err: error }, 'request failed');
    else request.log.debug({ code: apiError.code }, apiError.message);
    return sendError(reply, apiError, observe);
  };
}

/**
 * The routes' paths and methods, so an unknown method on a known path answers 405 with `Allow`
 * rather than 404 (Fastify answers 404 for both).
 */
export class RouteTable {
  private readonly routes: { pattern: RegExp; methods: Set<string> }[] = [];
  private readonly byUrl = new Map<string, Set<string>>();

  add(url: string, methods: string | string[]): void {
    if (url.includes('*')) return;
    let set = this.byUrl.get(url);
    if (!set) {
      set = new Set();
      this.byUrl.set(url, set);
      const source = url
        .split('/')
        .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('/');
      this.routes.push({ pattern: new RegExp(`^${source}/?$`), methods: set });
    }
    for (const method of [methods].flat()) set.add(method.toUpperCase());
  }

  /** Methods allowed on `path`; empty when no route has that path. */
  allowed(path: string): string[] {
    const methods = new Set<string>();
    for (const route of this.routes)
      if (route.pattern.test(path)) for (const m of route.methods) methods.add(m);
    return [...methods].sort();
  }
}
