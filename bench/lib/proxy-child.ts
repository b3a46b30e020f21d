/**
 * The proxy under test, as a child process started the way `npm start` starts it
 * (`node --import tsx packages/proxy/src/main.ts`), configured through `ST_*` variables. Two
 * additions, both for measuring: `--expose-gc` with a SIGUSR2 hook so memory is read after a full
 * collection, and optionally `--cpu-prof`.
 */
import { type ProcessFigures, processFigures } from './api.ts';
import { NodeChild } from './children.ts';
import { profileFlags } from './cpu-profile.ts';

export interface ProxyChildOptions {
  directoryFile: string;
  dataDir: string;
  allowedOrigins?: string[];
  /** Write a V8 CPU profile of the whole run into this folder (`proxy.cpuprofile`) at exit. */
  profileDir?: string | undefined;
  /** More settings (`ST_REDIS_URL`, `ST_NODE_ID` for a proxy of a cluster). */
  env?: Record<string, string>;
  /** The profile's file name (several proxies in one run). */
  name?: string;
}

const STARTUP_TIMEOUT_MS = 60_000;
const GC_TIMEOUT_MS = 30_000;

export class ProxyChild {
  private constructor(
    readonly url: string,
    private readonly child: NodeChild,
  ) {}

  static async start(options: ProxyChildOptions): Promise<ProxyChild> {
    const name = options.name ?? 'proxy';
    const profile = options.profileDir ? profileFlags(options.profileDir, name) : [];
    const child = new NodeChild({
      name,
      script: 'packages/proxy/src/main.ts',
      nodeArgs: ['--expose-gc', ...profile],
      imports: ['./bench/lib/gc-on-signal.ts'],
      env: {
        ST_CONFIG: '',
        ST_PORT: '0',
        ST_HOST: '127.0.0.1',
        ST_DATA_DIR: options.dataDir,
        ST_DIRECTORY: options.directoryFile,
        ST_ALLOWED_ORIGINS: (options.allowedOrigins ?? []).join(','),
        ST_LOG_LEVEL: 'warn',
        ...options.env,
      },
    });
    try {
      const [, url] = await child.waitForLine(/listening on (http:\/\/\S+)/, STARTUP_TIMEOUT_MS);
      return new ProxyChild(url!, child);
    } catch (error) {
      await child.stop();
      throw error;
    }
  }

  get pid(): number | undefined {
    return this.child.process.pid;
  }

  /** RSS, heap and CPU time from /metrics, read right after a full garbage collection. */
  async figuresAfterGc(): Promise<ProcessFigures> {
    const seen = this.child.linesSeen;
    this.child.process.kill('SIGUSR2');
    await this.child.waitForLine(/^bench: gc done$/, GC_TIMEOUT_MS, seen);
    return processFigures(this.url);
  }

  /** CPU time so far, without a collection first. */
  async figures(): Promise<ProcessFigures> {
    return processFigures(this.url);
  }

  /** SIGTERM, as an operator would: the proxy drains, closes and exits (writing its profile). */
  stop(): Promise<void> {
    return this.child.stop(20_000);
  }
}
