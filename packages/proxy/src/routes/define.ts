import type { ErrorCode } from '@st/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { type AuthMode, authHook } from '../auth/hook.ts';
import type { Login } from '../auth/logins.ts';
import type { ProxyContext } from '../context.ts';
import { parseInput } from '../validate.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What the OpenAPI document says about a route besides its schemas. */
export interface RouteDoc {
  summary: string;
  description?: string;
  tag: string;
  success: {
    status: number;
    description: string;
    /** Schema of a JSON answer; absent for empty or non-JSON answers. */
    schema?: z.ZodType;
    /** Media type of a non-JSON answer (an image, an event stream, Prometheus text). */
    contentType?: string;
  };
  /** Catalogue errors a client can cause here (authentication errors are added from `auth`). */
  errors: ErrorCode[];
}

/** A route as the OpenAPI builder sees it. */
export interface RouteDefinition {
  method: HttpMethod;
  url: string;
  auth: AuthMode;
  body?: z.ZodType | undefined;
  query?: z.ZodType | undefined;
  params?: z.ZodType | undefined;
  /** The token may travel as `access_token` in the query (EventSource cannot send headers). */
  queryToken?: boolean | undefined;
  /** An event stream: no automatic HEAD route (a HEAD must not open a stream). */
  streaming?: boolean | undefined;
  doc: RouteDoc;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteInput<B, Q, P> {
  body: Out<B>;
  query: Out<Q>;
  params: Out<P>;
  /** The caller's login; never null on `required` routes. */
  login: Login | null;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteSpec<
  B extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
  P extends z.ZodType | undefined,
> extends RouteDefinition {
  body?: B;
  query?: Q;
  params?: P;
  handler: (input: RouteInput<B, Q, P>) => unknown;
}

/**
 * Registers a route: authentication first (`onRequest`, before the body is read), then the
 * schemas, then the handler with typed, validated input. The definition is kept for the OpenAPI
 * document.
 */
export function defineRoute<
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
>(app: FastifyInstance, context: ProxyContext, spec: RouteSpec<B, Q, P>): void {
  const { handler, ...definition } = spec;
  context.routes.push(definition);
  app.route({
    method: spec.method,
    url: spec.url,
    exposeHeadRoute: !spec.streaming,
    onRequest: authHook(context, spec.auth, {
      queryToken: spec.queryToken ?? false,
      streaming: spec.streaming ?? false,
    }),
    handler: async (request, reply) => {
      const input: RouteInput<B, Q, P> = {
        params: (spec.params ? parseInput(spec.params, request.params, 'params') : undefined) as Out<P>,
        query: (spec.query ? parseInput(spec.query, request.query, 'query') : undefined) as Out<Q>,
        body: (spec.body ? parseInput(spec.body, request.body, 'body') : undefined) as Out<B>,
        login: request.login,
        request,
        reply,
      };
      const result = await handler(input);
      return reply.sent ? reply : result;
    },
  });
}
