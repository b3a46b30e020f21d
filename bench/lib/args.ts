/** Command-line options of the benchmarks: `--name value` integers and `--flag` switches. */
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

export interface FlagOption {
  help: string;
}

export type OptionSpecs = Record<string, IntOption | FlagOption>;

type Parsed<S extends OptionSpecs> = { [K in keyof S]: S[K] extends IntOption ? number : boolean };

function isInt(spec: IntOption | FlagOption): spec is IntOption {
  return 'default' in spec;
}

export function usage(command: string, specs: OptionSpecs): string {
  const lines = Object.entries(specs).map(([name, spec]) =>
    isInt(spec)
      ? `${`  --${name} <n>`.padEnd(28)}${spec.help} (default ${spec.default}, ${spec.min}–${spec.max})`
      : `${`  --${name}`.padEnd(28)}${spec.help}`,
  );
  return [`usage: ${command} [options]`, ...lines].join('\n');
}

/** Parses `argv`; throws a UsageError naming the option for anything wrong. */
export function parseOptions<S extends OptionSpecs>(argv: string[], specs: S): Parsed<S> {
  const options = Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => [name, { type: isInt(spec) ? 'string' : 'boolean' }]),
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
  const parsed: Record<string, number | boolean> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const raw = values[name];
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
