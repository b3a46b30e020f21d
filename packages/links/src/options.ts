/**
 * The option strings of `writeSametimeLink(userId, displayName, resolve, options)`: `key:value`
 * pairs such as `"icon:yes;text:no"`. The toolkit separated them with semicolons; commas are taken
 * too, keys are case-insensitive and `yes/no` may also be `true/false` or `1/0`.
 */

/** How a written link looks and behaves. */
export interface LinkOptions {
  /** Show the status icon (`icon:yes|no`, default yes). */
  icon: boolean;
  /** Show the name (`text:yes|no`, default yes). */
  text: boolean;
  /** Clicking the name of someone offline still asks for a chat (`offlineLink:yes|no`, default yes). */
  offlineLink: boolean;
}

export const DEFAULT_LINK_OPTIONS: Readonly<LinkOptions> = { icon: true, text: true, offlineLink: true };

/** The keys this script honours, by their lowercase spelling. */
const KEYS: Record<string, keyof LinkOptions> = {
  icon: 'icon',
  text: 'text',
  offlinelink: 'offlineLink',
};

const YES = new Set(['yes', 'true', '1', 'on']);
const NO = new Set(['no', 'false', '0', 'off']);

export interface ParsedOptions {
  options: LinkOptions;
  /** Pairs this script does not know or whose value is not yes/no, as written: for a console message. */
  ignored: string[];
}

export function parseLinkOptions(raw: unknown): ParsedOptions {
  const options: LinkOptions = { ...DEFAULT_LINK_OPTIONS };
  const ignored: string[] = [];
  if (typeof raw !== 'string') return { options, ignored };
  for (const pair of raw.split(/[;,]/)) {
    const text = pair.trim();
    if (!text) continue;
    const colon = text.indexOf(':');
    const key = KEYS[(colon < 0 ? text : text.slice(0, colon)).trim().toLowerCase()];
    const value =
      colon < 0
        ? ''
        : text
            .slice(colon + 1)
            .trim()
            .toLowerCase();
    if (key && YES.has(value)) options[key] = true;
    else if (key && NO.has(value)) options[key] = false;
    else ignored.push(text);
  }
  return { options, ignored };
}

/** The toolkit's boolean arguments arrive as booleans, strings ("true") or numbers. */
export function isTruthyArgument(value: unknown): boolean {
  if (typeof value === 'string') return YES.has(value.trim().toLowerCase());
  return Boolean(value);
}
