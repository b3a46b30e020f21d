import { SETTABLE_STATUSES, type SettableStatus, type Status } from '@st/protocol/core';

/**
 * The status to show as chosen for one's own presence. Idleness turns `available` into `not-using`
 * on the server, but what the person chose is still `available`; `offline` and `unknown` were never
 * chosen, so nothing is selected for them.
 */
export function chosenStatus(status: Status | undefined): SettableStatus | undefined {
  if (status === 'not-using') return 'available';
  return SETTABLE_STATUSES.find((settable) => settable === status);
}

/** A sentence for a failed change, from whatever the SDK threw. */
export function failureMessage(error: unknown): string {
  const reason = error instanceof Error && error.message ? error.message : 'the proxy did not answer';
  return `Your status was not saved: ${reason}`;
}
