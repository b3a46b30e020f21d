import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RENEW_TYPING_MS, TYPING_IDLE_MS, TypingBoard, TypingSender } from './typing.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('TypingSender', () => {
  it('says true once per renewal period while typing, and false once when it stops', () => {
    const sent: boolean[] = [];
    const sender = new TypingSender(async (typing) => void sent.push(typing), Date.now);
    sender.set(true);
    sender.set(true);
    vi.advanceTimersByTime(1000);
    sender.set(true);
    expect(sent).toEqual([true]);
    vi.advanceTimersByTime(RENEW_TYPING_MS);
    sender.set(true);
    expect(sent).toEqual([true, true]);
    sender.set(false);
    sender.set(false);
    expect(sent).toEqual([true, true, false]);
  });

  it('stops by itself after a pause without keys', () => {
    const sent: boolean[] = [];
    const sender = new TypingSender(async (typing) => void sent.push(typing), Date.now);
    sender.set(true);
    vi.advanceTimersByTime(TYPING_IDLE_MS);
    expect(sent).toEqual([true, false]);
  });
});

describe('TypingBoard', () => {
  it('clears a typist after their ttl unless renewed, and at once on their message', () => {
    const board = new TypingBoard();
    board.apply('bob', true, 10_000);
    board.apply('carol', true, 10_000);
    expect(board.typing$.value).toEqual(['bob', 'carol']);
    vi.advanceTimersByTime(6_000);
    board.apply('bob', true, 10_000);
    vi.advanceTimersByTime(6_000);
    expect(board.typing$.value).toEqual(['bob']);
    board.stopped('bob');
    expect(board.typing$.value).toEqual([]);
  });
});
