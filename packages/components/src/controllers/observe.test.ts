import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { BehaviorSubject, Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { ObserveController } from './observe.ts';

/** A host with just what a ReactiveController sees of a Lit element. */
class FakeHost implements ReactiveControllerHost {
  readonly controllers: ReactiveController[] = [];
  updates = 0;
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(controller: ReactiveController): void {
    this.controllers.splice(this.controllers.indexOf(controller), 1);
  }
  requestUpdate(): void {
    this.updates++;
  }
  get updateComplete(): Promise<boolean> {
    return Promise.resolve(true);
  }
  connect(): void {
    for (const c of this.controllers) c.hostConnected?.();
  }
  disconnect(): void {
    for (const c of this.controllers) c.hostDisconnected?.();
  }
}

const microtask = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe('ObserveController', () => {
  it('registers itself and subscribes only while the host is connected', () => {
    const host = new FakeHost();
    const source = new Subject<number>();
    const controller = new ObserveController(host, 0, source);
    expect(host.controllers).toContain(controller);
    expect(source.observed).toBe(false);
    host.connect();
    expect(source.observed).toBe(true);
    source.next(7);
    expect(controller.value).toBe(7);
    host.disconnect();
    expect(source.observed).toBe(false);
    source.next(8);
    expect(controller.value).toBe(7);
  });

  it('subscribes again when the host reconnects', () => {
    const host = new FakeHost();
    const source = new BehaviorSubject('a');
    const controller = new ObserveController(host, '', source);
    host.connect();
    host.disconnect();
    source.next('b');
    host.connect();
    expect(source.observed).toBe(true);
    expect(controller.value).toBe('b');
  });

  it('requests one update per microtask however many values arrive', async () => {
    const host = new FakeHost();
    const source = new Subject<number>();
    const controller = new ObserveController(host, 0, source);
    host.connect();
    await microtask();
    const before = host.updates;
    source.next(1);
    source.next(2);
    source.next(3);
    expect(host.updates).toBe(before);
    await microtask();
    expect(host.updates).toBe(before + 1);
    expect(controller.value).toBe(3);
    source.next(4);
    await microtask();
    expect(host.updates).toBe(before + 2);
  });

  it('swaps to another stream, dropping the old one and starting from the initial value', () => {
    const host = new FakeHost();
    const first = new Subject<string>();
    const second = new Subject<string>();
    const controller = new ObserveController(host, 'none', first);
    host.connect();
    first.next('from first');
    controller.observe(second);
    expect(first.observed).toBe(false);
    expect(second.observed).toBe(true);
    expect(controller.value).toBe('none');
    second.next('from second');
    expect(controller.value).toBe('from second');
    controller.observe(undefined);
    expect(second.observed).toBe(false);
  });

  it('does not subscribe to a new stream while the host is disconnected', () => {
    const host = new FakeHost();
    const controller = new ObserveController<number>(host, 0);
    const source = new Subject<number>();
    controller.observe(source);
    expect(source.observed).toBe(false);
    host.connect();
    expect(source.observed).toBe(true);
  });

  it('keeps the error a stream ends with and asks for an update', async () => {
    const host = new FakeHost();
    const source = new Subject<number>();
    const controller = new ObserveController(host, 0, source);
    host.connect();
    await microtask();
    const before = host.updates;
    const failure = new Error('gone');
    source.error(failure);
    await microtask();
    expect(controller.error).toBe(failure);
    expect(host.updates).toBe(before + 1);
  });
});
