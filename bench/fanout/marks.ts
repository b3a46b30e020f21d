/**
 * The change mark: every measured message carries `bench:<change number>;` (in the proxy's case,
 * in the hot person's status message), so a receiver can tell which change a message delivers
 * without parsing it.
 */

export const MARK_PREFIX = 'bench:';

export function markText(change: number): string {
  return `${MARK_PREFIX}${change};`;
}

const PREFIX_BYTES = Buffer.from(MARK_PREFIX);
const DIGIT_0 = 48;
const DIGIT_9 = 57;

/** The change number a message carries, found without decoding or parsing it; undefined if none. */
export function markIn(data: Buffer): number | undefined {
  const at = data.indexOf(PREFIX_BYTES);
  if (at < 0) return undefined;
  let value = 0;
  let digits = 0;
  for (let i = at + PREFIX_BYTES.length; i < data.length; i++) {
    const byte = data[i]!;
    if (byte < DIGIT_0 || byte > DIGIT_9) break;
    value = value * 10 + (byte - DIGIT_0);
    digits++;
  }
  return digits > 0 ? value : undefined;
}

/** The raw server's message: exactly `bytes` bytes (or as short as it can be), carrying the mark. */
export function broadcastMessage(change: number, bytes: number): string {
  const bare = `{"type":"broadcast","mark":"${markText(change)}","pad":""}`;
  return bare.replace('"pad":""', `"pad":"${'x'.repeat(Math.max(0, bytes - bare.length))}"`);
}

/** The change number in a decoded text (a status message the SDK handed over); undefined if none. */
export function markInText(text: string): number | undefined {
  const at = text.indexOf(MARK_PREFIX);
  if (at < 0) return undefined;
  let value = 0;
  let digits = 0;
  for (let i = at + MARK_PREFIX.length; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < DIGIT_0 || code > DIGIT_9) break;
    value = value * 10 + (code - DIGIT_0);
    digits++;
  }
  return digits > 0 ? value : undefined;
}
