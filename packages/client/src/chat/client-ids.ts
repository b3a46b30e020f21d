/**
 * Client message ids: made here, before a message leaves, so a send retried after a lost answer is
 * the same message to the proxy. `crypto.getRandomValues` works on plain-HTTP intranet pages too,
 * where `crypto.randomUUID` does not exist (it needs a secure context).
 */
export function newClientId(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return `c-${hex}`;
}
