import { describe, expect, it } from 'vitest';
import { chosenStatus, failureMessage } from './choice.ts';

describe('chosenStatus', () => {
  it('keeps the statuses a person can choose', () => {
    expect(chosenStatus('available')).toBe('available');
    expect(chosenStatus('away')).toBe('away');
    expect(chosenStatus('dnd')).toBe('dnd');
    expect(chosenStatus('in-meeting')).toBe('in-meeting');
  });

  it('shows available while the server reports the person idle', () => {
    expect(chosenStatus('not-using')).toBe('available');
  });

  it('selects nothing for statuses nobody chooses', () => {
    expect(chosenStatus('offline')).toBeUndefined();
    expect(chosenStatus('unknown')).toBeUndefined();
    expect(chosenStatus(undefined)).toBeUndefined();
  });
});

describe('failureMessage', () => {
  it('says what went wrong in words', () => {
    expect(failureMessage(new Error('Too many requests'))).toBe(
      'Your status was not saved: Too many requests',
    );
    expect(failureMessage('boom')).toBe('Your status was not saved: the proxy did not answer');
  });
});
