import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { BehaviorSubject, Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { ObservableController } from './observable-controller.ts';

/** A host as Lit's elements are one, counting the renders asked for. */
class CountingHost implements ReactiveControllerHost {
  controllers: ReactiveController[] = [];
  updates = 0;
  readonly updateComplete = Promise.resolve(true);
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(): void {}
  requestUpdate(): void {
    this.updates++;
  }
  connect(): void {
    for (const c of this.controllers) c.hostConnected?.();
  }
  disconnect(): void {
    for (const c of this.controllers) c.hostDisconnected?.();
  }
}

describe('ObservableController', () => {
  it('follows its stream only while the host is connected', () => {
    const host = new CountingHost();
    const source = new BehaviorSubject(1);
    const controller = new ObservableController(host, source);
    expect(source.observed).toBe(false);

    host.connect();
    expect(controller.value).toBe(1);
    source.next(2);
    expect(controller.value).toBe(2);
    expect(host.updates).toBe(2);

    host.disconnect();
    expect(source.observed).toBe(false);
    source.next(3);
    expect(controller.value).toBe(2);
  });

  it('switches streams, forgetting the old value', () => {
    const host = new CountingHost();
    const first = new BehaviorSubject('a');
    const second = new Subject<string>();
    const controller = new ObservableController(host, first);
    host.connect();
    expect(controller.value).toBe('a');

    controller.observe(second);
    expect(first.observed).toBe(false);
    expect(controller.value).toBeUndefined();
    second.next('b');
    expect(controller.value).toBe('b');
  });
});
