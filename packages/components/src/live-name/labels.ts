import { STATUS_LABELS, type Status } from '@st/protocol/core';

/** The status in words, e.g. "Available on mobile"; colour and shape are never the only signal. */
export function statusInWords(status: Status, mobile: boolean): string {
  return mobile ? `${STATUS_LABELS[status]} on mobile` : STATUS_LABELS[status];
}

/** What a screen reader announces for a live name, e.g. "Bob Brown, Available on mobile". */
export function liveNameLabel(name: string, status: Status, mobile: boolean): string {
  return `${name}, ${statusInWords(status, mobile)}`;
}
