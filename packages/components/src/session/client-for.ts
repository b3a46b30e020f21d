import type { StClient } from '@st/client';
import { Observable } from 'rxjs';
import { just } from '../shared/switch-to.ts';
import { defaultClient } from './default-client.ts';
import { findSessionElement } from './find-session.ts';
import { StSession } from './session.ts';

/**
 * The client an element uses, and its replacements when the session changes. The lookup happens on
 * subscription (when the element connects), so an element moved under another session follows it.
 */
export function clientFor(element: Element, sessionTag: string): Observable<StClient> {
  return new Observable<StClient>((subscriber) => {
    const session = findSessionElement(element, sessionTag);
    const follow = () => (session instanceof StSession ? session.client$ : just(defaultClient()));
    if (!session || session instanceof StSession) return follow().subscribe(subscriber);
    // The session tag is on the page but not upgraded yet: wait for its definition.
    let following: { unsubscribe(): void } | undefined;
    void customElements.whenDefined(sessionTag).then(() => {
      if (!subscriber.closed) following = follow().subscribe(subscriber);
    });
    return () => following?.unsubscribe();
  });
}
