/**
 * The connection state in words, for the indicator in the header. Words, never colour alone: the
 * tone only picks the icon shape and colour that go with the words.
 */

/** What the indicator needs of the SDK's `state$` value. */
export interface ConnectionStateLike {
  status: string;
  retryInMs?: number | undefined;
}

export const Tone = {
  Good: 'good',
  Pending: 'pending',
  Bad: 'bad',
} as const;
export type Tone = (typeof Tone)[keyof typeof Tone];

export interface ConnectionWords {
  text: string;
  tone: Tone;
}

/**
 * "Connected", "Connecting…", "Reconnecting in 4 s…", "Offline". The seconds are those the SDK
 * announced with the state; they are not counted down, because a live region that changes every
 * second makes screen readers talk every second.
 */
export function connectionWords(state: ConnectionStateLike, online = true): ConnectionWords {
  switch (state.status) {
    case 'connected':
      return { text: 'Connected', tone: Tone.Good };
    case 'idle': // logged in, the stream not opened yet: it opens as soon as anyone is watched
    case 'connecting':
      return { text: 'Connecting…', tone: Tone.Pending };
    case 'reconnecting':
      if (!online) return { text: 'Offline', tone: Tone.Bad };
      return { text: reconnectingText(state.retryInMs), tone: Tone.Pending };
    default:
      // closed, unauthenticated: nothing flows and nothing will without the person's doing.
      return { text: 'Offline', tone: Tone.Bad };
  }
}

function reconnectingText(retryInMs: number | undefined): string {
  if (retryInMs === undefined || !Number.isFinite(retryInMs) || retryInMs < 1000) return 'Reconnecting…';
  return `Reconnecting in ${Math.round(retryInMs / 1000)} s…`;
}
