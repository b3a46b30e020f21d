/**
 * The OpenAPI 3.1 document, generated from the routes' own zod schemas (the protocol's) and their
 * documentation, so it cannot drift from what the proxy checks.
 */
import { CSRF_HEADER, ERROR_CODES, ERRORS, type ErrorCode, SESSION_COOKIE } from '@st/protocol';
import { z } from 'zod';
import { AuthMode } from './auth/hook.ts';
import type { RouteDefinition } from './routes/define.ts';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

const ErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

function parameters(schema: z.ZodType | undefined, place: 'query' | 'path'): JsonSchema[] {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input') as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: place,
    required: place === 'path' || (object.required ?? []).includes(name),
    schema: property,
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
  }));
}

function errorsOf(route: RouteDefinition): ErrorCode[] {
  const codes = new Set<ErrorCode>(route.doc.errors);
  if (route.url.startsWith('/api/')) codes.add('ST_ERR_ORIGIN_NOT_ALLOWED');
  if (route.auth === AuthMode.Required || route.auth === AuthMode.Awareness || route.auth === AuthMode.Admin)
    codes.add('ST_ERR_UNAUTHENTICATED');
  if (route.auth === AuthMode.Admin) codes.add('ST_ERR_NOT_ADMIN');
  // Anonymous callers have a per-address budget (ST_ANONYMOUS_AWARENESS).
  if (route.auth === AuthMode.Awareness) codes.add('ST_ERR_RATE_LIMITED');
  if (route.auth !== AuthMode.None && route.method !== 'GET') codes.add('ST_ERR_CSRF');
  codes.add('ST_ERR_INTERNAL');
  return [...codes];
}

function responses(route: RouteDefinition): JsonSchema {
  const { success } = route.doc;
  const answer: JsonSchema = { description: success.description };
  if (success.schema)
    answer.content = { 'application/json': { schema: jsonSchema(success.schema, 'output') } };
  else if (success.contentType) {
    answer.content = { [success.contentType]: { schema: { type: 'string' } } };
  }
  const result: JsonSchema = { [String(success.status)]: answer };
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorsOf(route)) {
    const status = ERRORS[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    result[String(status)] = {
      description: codes.map((c) => `${c}: ${ERRORS[c].message}`).join(' '),
      'x-st-error-codes': codes,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
    };
  }
  return result;
}

function security(route: RouteDefinition): JsonSchema[] {
  if (route.auth === AuthMode.None) return [];
  const changes = route.method !== 'GET';
  const ways: JsonSchema[] = [
    { bearerAuth: [] },
    changes ? { cookieAuth: [], csrfHeader: [] } : { cookieAuth: [] },
  ];
  if (route.queryToken) ways.push({ queryToken: [] });
  if (route.auth !== AuthMode.Required && route.auth !== AuthMode.Admin) ways.push({});
  return ways;
}

function operationId(route: RouteDefinition): string {
  const words = route.url
    .replace(/^\/api\/v1\//, '')
    .split(/[/.]/)
    .filter(Boolean)
    .map((w) => (w.startsWith(':') ? `by-${w.slice(1)}` : w));
  return [route.method.toLowerCase(), ...words]
    .join('-')
    .replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
}

export function buildOpenApi(routes: readonly RouteDefinition[]): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:(\w+)/g, '{$1}');
    const operation: JsonSchema = {
      operationId: operationId(route),
      summary: route.doc.summary,
      ...(route.doc.description ? { description: route.doc.description } : {}),
      tags: [route.doc.tag],
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
      responses: responses(route),
      security: security(route),
    };
    if (route.body) {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
      };
    }
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'st-proxy API',
      version: '1',
      description:
        'Presence, business cards and event streams. Errors are `{"error":{"code","message","details"?}}`; ' +
        'the codes are listed in each answer and in docs/errors.md.',
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'session', description: 'Logging in and out' },
      { name: 'presence', description: 'Status and presence' },
      { name: 'people', description: 'Business cards, photos, search' },
      { name: 'contacts', description: 'My contact list: groups and the people in them' },
      { name: 'privacy', description: 'Who may see me: my privacy list' },
      { name: 'preferences', description: 'My preferences of the Sametime client' },
      { name: 'chat', description: 'Conversations, messages, receipts, typing and announcements' },
      { name: 'push', description: 'Phones registered for push notifications (APNs, FCM)' },
      { name: 'events', description: 'Event streams and watching' },
      { name: 'operations', description: 'Health, metrics, this document' },
    ],
    paths,
    components: {
      schemas: { ErrorBody: jsonSchema(ErrorBodySchema, 'output') },
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'The token from `POST /api/v1/session`.' },
        cookieAuth: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description: 'Set by `POST /api/v1/session`.',
        },
        csrfHeader: {
          type: 'apiKey',
          in: 'header',
          name: CSRF_HEADER,
          description: 'The `csrfToken` of the session; required with the cookie on calls that change state.',
        },
        queryToken: {
          type: 'apiKey',
          in: 'query',
          name: 'access_token',
          description: 'Only for EventSource, which cannot send headers.',
        },
      },
    },
  };
}
