import type { StClient } from '@st/client';
import { defer, from, type Observable, of, switchMap } from 'rxjs';
import { defaultClient } from './default-client.ts';
import { findSessionElement } from './find-session.ts';
import { StSession } from './session.ts';

/**
 * The client an element uses, and its replacements when the session changes. The lookup happens on
 * subscription (when the element connects), so an element moved under another session follows it.
 */
export function clientFor(element: Element, sessionTag: string): Observable<StClient> {
  return defer(() => {
    const session = findSessionElement(element, sessionTag);
    if (!session) return of(defaultClient());
    if (session instanceof StSession) return session.client$;
    // The session tag is on the page but not upgraded yet: wait for its definition.
    return from(customElements.whenDefined(sessionTag)).pipe(
      switchMap(() => (session instanceof StSession ? session.client$ : of(defaultClient()))),
    );
  });
}
