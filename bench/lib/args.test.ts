import { describe, expect, it } from 'vitest';
import { parseOptions, UsageError, usage } from './args.ts';

const SPECS = {
  sessions: { default: 5000, min: 1, max: 50_000, help: 'sessions' },
  client: { choices: ['raw', 'sdk'], help: 'client' },
  profile: { help: 'profile' },
} as const;

describe('parseOptions', () => {
  it('gives defaults, reads numbers with separators and flags', () => {
    expect(parseOptions([], SPECS)).toEqual({ sessions: 5000, client: 'raw', profile: false });
    expect(parseOptions(['--sessions', '10_000', '--client', 'sdk', '--profile'], SPECS)).toEqual({
      sessions: 10_000,
      client: 'sdk',
      profile: true,
    });
  });

  it('refuses numbers out of range and unknown options, naming them', () => {
    expect(() => parseOptions(['--sessions', '0'], SPECS)).toThrow(
      /--sessions must be a whole number from 1/,
    );
    expect(() => parseOptions(['--sessions', 'many'], SPECS)).toThrow(UsageError);
    expect(() => parseOptions(['--session', '5'], SPECS)).toThrow(UsageError);
    expect(() => parseOptions(['--client', 'rust'], SPECS)).toThrow(/--client must be one of raw, sdk/);
  });

  it('lists every option in the usage text', () => {
    const text = usage('bench', SPECS);
    expect(text).toContain('--sessions <n>');
    expect(text).toContain('(default 5000, 1–50000)');
    expect(text).toContain('--profile');
    expect(text).toContain('--client <raw|sdk>');
  });
});
