import { describe, expect, it } from 'vitest';
import { broadcastMessage, markIn, markInText, markText } from './marks.ts';

describe('markIn', () => {
  it('finds the change number anywhere in a message', () => {
    const event = `{"seq":7,"type":"presence","presence":[{"userId":"hot","status":"away","message":"${markText(1234)}","mobile":false}]}`;
    expect(markIn(Buffer.from(event))).toBe(1234);
  });

  it('is undefined without a mark, or with a mark but no number', () => {
    expect(markIn(Buffer.from('{"type":"ack","id":1}'))).toBeUndefined();
    expect(markIn(Buffer.from('bench:;'))).toBeUndefined();
  });
});

describe('markInText', () => {
  it('reads the change number from a status message, and nothing from one without it', () => {
    expect(markInText(`back soon ${markText(77)}`)).toBe(77);
    expect(markInText('back soon')).toBeUndefined();
    expect(markInText('bench:x')).toBeUndefined();
  });
});

describe('broadcastMessage', () => {
  it('is exactly the size asked for, valid JSON, and carries the mark', () => {
    const text = broadcastMessage(42, 113);
    expect(Buffer.byteLength(text)).toBe(113);
    expect(JSON.parse(text)).toMatchObject({ mark: 'bench:42;' });
    expect(markIn(Buffer.from(text))).toBe(42);
  });

  it('is as short as it can be when the size asked for is smaller', () => {
    expect(markIn(Buffer.from(broadcastMessage(3, 1)))).toBe(3);
  });
});
