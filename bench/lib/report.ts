/** Printing figures as a table, and keeping them as JSON in bench/results/ (git-ignored). */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './children.ts';

export const RESULTS_DIR = join(REPO_ROOT, 'bench', 'results');

/** Columns padded to line up: those in `leftAligned` to the left, the others (numbers) to the right. */
export function formatTable(
  rows: readonly (readonly string[])[],
  leftAligned: readonly number[] = [0],
): string {
  const widths: number[] = [];
  for (const row of rows) {
    for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, cell.length);
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) => (leftAligned.includes(i) ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
        .join('  '),
    )
    .join('\n');
}

/** A number for the table: fixed decimals, thousands separated, `–` when unknown. */
export function fmt(value: number | undefined, decimals = 0): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** One line about the machine: other work on it skews every figure, so say how busy it was. */
export function machineLine(): string {
  const [oneMinute] = loadavg();
  return `${cpus().length} cores, load average ${fmt(oneMinute, 2)} before the run, node ${process.version}`;
}

export function machineInfo(): Record<string, unknown> {
  const cpu = cpus();
  return {
    node: process.version,
    cpus: cpu.length,
    cpuModel: cpu[0]?.model,
    loadAverage: loadavg(),
  };
}

/** Writes `figures` to bench/results/<name>-<time>.json and answers the path. */
export async function writeResults(name: string, figures: unknown): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = join(RESULTS_DIR, `${name}-${stamp}.json`);
  await writeFile(file, `${JSON.stringify(figures, null, 2)}\n`);
  return file;
}
