import { describe, expect, it } from 'vitest';
import { isLinksEvent, LinksEvent, Listeners } from './listeners.ts';

function setup() {
  const calls: string[] = [];
  const errors: unknown[] = [];
  const global: Record<string, unknown> = {};
  const listeners = new Listeners({ global, reportError: (e) => errors.push(e) });
  return { calls, errors, global, listeners };
}

describe('Listeners', () => {
  it('calls the global callback named after the event, and listeners by function and by name', () => {
    const { calls, global, listeners } = setup();
    global.STLinksLoggedIn = (id: string, name: string) => calls.push(`global ${id} ${name}`);
    listeners.add(LinksEvent.LoggedIn, (id: string) => calls.push(`fn ${id}`));
    listeners.add(LinksEvent.LoggedIn, 'onLogin');
    // A named handler is looked up when the event fires, so it may be defined after registering.
    global.onLogin = (id: string) => calls.push(`named ${id}`);
    listeners.fire(LinksEvent.LoggedIn, 'alice', 'Alice');
    expect(calls).toEqual(['global alice Alice', 'fn alice', 'named alice']);
  });

  it('calls a function once even when it is both the global callback and a listener', () => {
    const { calls, global, listeners } = setup();
    global.STLinksLoggedOut = (reason: unknown) => calls.push(`out ${reason}`);
    listeners.add(LinksEvent.LoggedOut, 'STLinksLoggedOut');
    listeners.add(LinksEvent.LoggedOut, 'STLinksLoggedOut');
    listeners.fire(LinksEvent.LoggedOut, 0);
    expect(calls).toEqual(['out 0']);
  });

  it('stops calling a removed listener', () => {
    const { calls, global, listeners } = setup();
    const fn = () => calls.push('fn');
    global.named = () => calls.push('named');
    listeners.add(LinksEvent.UserStatusChanged, fn);
    listeners.add(LinksEvent.UserStatusChanged, 'named');
    listeners.remove(LinksEvent.UserStatusChanged, fn);
    listeners.remove(LinksEvent.UserStatusChanged, 'named');
    listeners.fire(LinksEvent.UserStatusChanged, 'bob', 'Bob', 32, '', '');
    expect(calls).toEqual([]);
  });

  it('reports a handler that throws and still calls the others', () => {
    const { calls, errors, global, listeners } = setup();
    const boom = new Error('page bug');
    global.STLinksUserStatusChanged = () => {
      throw boom;
    };
    listeners.add(LinksEvent.UserStatusChanged, () => calls.push('after'));
    listeners.fire(LinksEvent.UserStatusChanged, 'bob', 'Bob', 96, 'lunch', '');
    expect(errors).toEqual([boom]);
    expect(calls).toEqual(['after']);
  });

  it('knows the toolkit event names', () => {
    expect(isLinksEvent('STLinksUserStatusChanged')).toBe(true);
    expect(isLinksEvent('STLinksUserEnteredPlace')).toBe(true);
    expect(isLinksEvent('STLinksSomethingElse')).toBe(false);
    expect(isLinksEvent(42)).toBe(false);
  });
});
