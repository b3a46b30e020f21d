/**
 * Helpers for the integration tests (not exported by the package): a page's global object that
 * records every toolkit callback, a toolkit hosted in Node against a real proxy, and logins made
 * straight over the proxy's API, as another person's client would.
 */
import { createClient } from '@st/client';
import WebSocket from 'ws';
import { installToolkit } from './install.ts';
import { LinksToolkit } from './toolkit.ts';

export interface Call {
  name: string;
  args: unknown[];
}

export class RecordingPage {
  readonly global: Record<string, unknown> = {};
  readonly calls: Call[] = [];
  readonly errors: string[] = [];
  readonly #waiters: { test: (call: Call) => boolean; resolve: (call: Call) => void }[] = [];

  /** Defines the global callback `name` (as a page's `function STLinksLoggedIn(...)` does). */
  define(name: string): void {
    this.global[name] = (...args: unknown[]) => this.record(name, args);
  }

  record(name: string, args: unknown[]): void {
    const call = { name, args };
    this.calls.push(call);
    for (const waiter of [...this.#waiters]) {
      if (!waiter.test(call)) continue;
      this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
      waiter.resolve(call);
    }
  }

  /** The first call (already made, or to come) of `name` whose arguments pass `test`. */
  next(name: string, test: (args: unknown[]) => boolean = () => true): Promise<unknown[]> {
    const matches = (call: Call) => call.name === name && test(call.args);
    const done = this.calls.find(matches);
    if (done) return Promise.resolve(done.args);
    return new Promise((resolve) =>
      this.#waiters.push({ test: matches, resolve: (call) => resolve(call.args) }),
    );
  }

  named(name: string): unknown[][] {
    return this.calls.filter((c) => c.name === name).map((c) => c.args);
  }
}

/** A toolkit for `server` with its functions on `page.global`, as `stlinks.js` sets a page up. */
export function hostToolkit(server: string, page: RecordingPage): LinksToolkit {
  const toolkit = new LinksToolkit({
    global: page.global,
    scriptUrl: `${server}/st/stlinks.js`,
    createClient: (options) => createClient({ ...options, WebSocket, storage: false }),
    console: { error: (...parts: unknown[]) => page.errors.push(parts.map(String).join(' ')) },
    reportError: (error) => page.errors.push(String(error)),
    importModule: () => Promise.reject(new Error('no elements in Node')),
  });
  installToolkit(page.global, toolkit);
  return toolkit;
}

/** Logs a person in over the API (optionally as a phone) and returns the token. */
export async function apiLogin(server: string, userId: string, client?: 'mobile'): Promise<string> {
  const response = await fetch(`${server}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(client ? { userId, password: 'demo', client } : { userId, password: 'demo' }),
  });
  if (response.status !== 201) throw new Error(`login of ${userId} answered ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

export async function apiSetStatus(server: string, token: string, status: string, message?: string) {
  const response = await fetch(`${server}/api/v1/me/status`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(message === undefined ? { status } : { status, message }),
  });
  if (response.status !== 204) throw new Error(`status of ${status} answered ${response.status}`);
}

/** Calls a global function the toolkit installed, as a page's inline script does. */
export function call(page: RecordingPage, name: string, ...args: unknown[]): unknown {
  const fn = page.global[name];
  if (typeof fn !== 'function') throw new Error(`${name} is not installed`);
  return fn(...args);
}
