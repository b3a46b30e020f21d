import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SettableStatus } from '@st/protocol';
import { SETTABLE_STATUSES } from '@st/protocol';

export interface ChosenStatus {
  status: SettableStatus;
  message: string;
}

const FILE_NAME = 'statuses.json';
/** Writes are grouped: many status changes in this window cost one file write. */
const WRITE_DELAY_MS = 250;

function isChosenStatus(value: unknown): value is ChosenStatus {
  const v = value as ChosenStatus | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    (SETTABLE_STATUSES as readonly string[]).includes(v.status) &&
    typeof v.message === 'string'
  );
}

/**
 * Statuses chosen by hand, kept in `<dataDir>/statuses.json` so they survive a restart. Writes
 * go to a temporary file first and are renamed over the old one, so a crash never leaves half a file.
 */
export class StatusStore {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly dataDir: string,
    private readonly snapshot: () => Record<string, ChosenStatus>,
  ) {}

  async load(): Promise<Map<string, ChosenStatus>> {
    const statuses = new Map<string, ChosenStatus>();
    let text: string;
    try {
      text = await readFile(join(this.dataDir, FILE_NAME), 'utf8');
    } catch {
      return statuses;
    }
    try {
      const data = JSON.parse(text) as Record<string, unknown>;
      for (const [id, value] of Object.entries(data)) if (isChosenStatus(value)) statuses.set(id, value);
    } catch {
      // A damaged file loses the remembered statuses, not the proxy: everyone starts available.
    }
    return statuses;
  }

  scheduleWrite(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.writing = this.writing.then(() => this.write()).catch(() => {});
    }, WRITE_DELAY_MS);
  }

  private async write(): Promise<void> {
    await mkdir(this.dataDir, { recursive: true });
    const path = join(this.dataDir, FILE_NAME);
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(this.snapshot())}\n`);
    await rename(temporary, path);
  }

  /** Writes what is pending now (at shutdown). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.writing = this.writing.then(() => this.write());
    }
    await this.writing.catch(() => {});
  }
}
