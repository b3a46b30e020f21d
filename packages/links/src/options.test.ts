import { describe, expect, it } from 'vitest';
import { DEFAULT_LINK_OPTIONS, isTruthyArgument, parseLinkOptions } from './options.ts';

describe('parseLinkOptions', () => {
  it('shows icon and name, linked even when offline, by default', () => {
    expect(parseLinkOptions(undefined)).toEqual({ options: DEFAULT_LINK_OPTIONS, ignored: [] });
    expect(parseLinkOptions('')).toEqual({ options: DEFAULT_LINK_OPTIONS, ignored: [] });
  });

  it("reads the toolkit's key:value pairs, separated by semicolons or commas, in any case", () => {
    expect(parseLinkOptions('icon:no').options).toEqual({ icon: false, text: true, offlineLink: true });
    expect(parseLinkOptions('icon:yes; TEXT:No ,offlineLink:false').options).toEqual({
      icon: true,
      text: false,
      offlineLink: false,
    });
  });

  it('keeps what it cannot honour aside, as written, for a console message', () => {
    const parsed = parseLinkOptions('icon:maybe;color:red;text:no');
    expect(parsed.options.text).toBe(false);
    expect(parsed.options.icon).toBe(true);
    expect(parsed.ignored).toEqual(['icon:maybe', 'color:red']);
  });
});

describe('isTruthyArgument', () => {
  it('takes booleans, numbers and the strings pages pass', () => {
    for (const yes of [true, 1, 'true', 'YES', ' 1 ']) expect(isTruthyArgument(yes)).toBe(true);
    for (const no of [false, 0, '', 'false', 'no', undefined, null]) expect(isTruthyArgument(no)).toBe(false);
  });
});
