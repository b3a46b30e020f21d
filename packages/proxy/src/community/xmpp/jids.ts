/** JIDs as the XMPP community reads them. */

/** The local part and resource of a JID of `domain`, or undefined for anyone else's. */
export function localOf(
  jid: string | undefined,
  domain: string,
): { local: string; resource: string } | undefined {
  if (!jid) return undefined;
  const match = /^([^@/]+)@([^/]+)(?:\/(.*))?$/.exec(jid);
  if (!match || match[2]!.toLowerCase() !== domain) return undefined;
  return { local: match[1]!, resource: match[3] ?? '' };
}

export function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}
