import { describe, expect, it } from 'vitest';
import { connectionWords, Tone } from './connection-words.ts';

describe('connectionWords', () => {
  it('says Connected when the stream is up', () => {
    expect(connectionWords({ status: 'connected' })).toEqual({ text: 'Connected', tone: Tone.Good });
  });

  it('says when the next try is, in whole seconds', () => {
    expect(connectionWords({ status: 'reconnecting', retryInMs: 4000 }).text).toBe('Reconnecting in 4 s…');
    expect(connectionWords({ status: 'reconnecting', retryInMs: 12_400 }).text).toBe('Reconnecting in 12 s…');
    expect(connectionWords({ status: 'reconnecting', retryInMs: 4000 }).tone).toBe(Tone.Pending);
  });

  it('says Reconnecting… while a try is under way or imminent', () => {
    expect(connectionWords({ status: 'reconnecting' }).text).toBe('Reconnecting…');
    expect(connectionWords({ status: 'reconnecting', retryInMs: 300 }).text).toBe('Reconnecting…');
  });

  it('says Offline when the device is offline, whatever the client is waiting for', () => {
    expect(connectionWords({ status: 'reconnecting', retryInMs: 4000 }, false)).toEqual({
      text: 'Offline',
      tone: Tone.Bad,
    });
  });

  it('says Offline when nothing is flowing', () => {
    for (const status of ['closed', 'unauthenticated']) {
      expect(connectionWords({ status }).text).toBe('Offline');
    }
  });

  it('says Connecting… on the first try, and before it', () => {
    expect(connectionWords({ status: 'connecting' }).text).toBe('Connecting…');
    expect(connectionWords({ status: 'idle' }).text).toBe('Connecting…');
  });
});
