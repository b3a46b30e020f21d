/**
 * Command-line options of the benchmarks: `--name value` integers, `--name word` choices and
 * `--flag` switches.
 */
import { parseArgs } from 'node:util';

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface IntOption {
  default: number;
  min: number;
  max: number;
  help: string;
}

export interface ChoiceOption {
  choices: readonly [string, ...string[]];
  help: string;
}

export interface FlagOption {
  help: string;
}

type AnyOption = IntOption | ChoiceOption | FlagOption;
export type OptionSpecs = Record<string, AnyOption>;

type Parsed<S extends OptionSpecs> = {
  [K in keyof S]: S[K] extends IntOption
    ? number
    : S[K] extends ChoiceOption
      ? S[K]['choices'][number]
      : boolean;
};

function isInt(spec: AnyOption): spec is IntOption {
  return 'default' in spec;
}

function isChoice(spec: AnyOption): spec is ChoiceOption {
  return 'choices' in spec;
}

function describeOption(name: string, spec: AnyOption): string {
  if (isInt(spec))
    return `${`  --${name} <n>`.padEnd(28)}${spec.help} (default ${spec.default}, ${spec.min}–${spec.max})`;
  if (isChoice(spec))
    return `${`  --${name} <${spec.choices.join('|')}>`.padEnd(28)}${spec.help} (default ${spec.choices[0]})`;
  return `${`  --${name}`.padEnd(28)}${spec.help}`;
}

export function usage(command: string, specs: OptionSpecs): string {
  const lines = Object.entries(specs).map(([name, spec]) => describeOption(name, spec));
  return [`usage: ${command} [options]`, ...lines].join('\n');
}

/** Parses `argv`; throws a UsageError naming the option for anything wrong. */
export function parseOptions<S extends OptionSpecs>(argv: string[], specs: S): Parsed<S> {
  const options = Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => [
      name,
      { type: isInt(spec) || isChoice(spec) ? 'string' : 'boolean' },
    ]),
  ) as Record<string, { type: 'string' | 'boolean' }>;
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values as Record<
      string,
      string | boolean | undefined
    >;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const parsed: Record<string, number | string | boolean> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const raw = values[name];
    if (isChoice(spec)) {
      const choice = raw === undefined ? spec.choices[0] : String(raw);
      if (!spec.choices.includes(choice)) {
        throw new UsageError(`--${name} must be one of ${spec.choices.join(', ')} (got ${raw})`);
      }
      parsed[name] = choice;
      continue;
    }
    if (!isInt(spec)) {
      parsed[name] = raw === true;
      continue;
    }
    const value = raw === undefined ? spec.default : Number(String(raw).replace(/[_,]/g, ''));
    if (!Number.isInteger(value) || value < spec.min || value > spec.max) {
      throw new UsageError(`--${name} must be a whole number from ${spec.min} to ${spec.max} (got ${raw})`);
    }
    parsed[name] = value;
  }
  return parsed as Parsed<S>;
}
