/**
 * A pool of PostgreSQL connections (node-postgres) and the one way the store writes through it: a
 * transaction on one checked-out client, committed before its promise resolves. PostgreSQL's
 * defaults make a COMMIT durable (fsync, synchronous_commit=on), as SQLite's synchronous=FULL does.
 *
 * Transactions run at READ COMMITTED; what must not interleave across proxies takes row locks
 * (`SELECT ... FOR UPDATE`, `UPDATE ... RETURNING`). A transaction that PostgreSQL aborts for a
 * deadlock or a serialization failure is run again from the start, a few times.
 */
import pg from 'pg';

export type Queryable = pg.ClientBase | pg.Pool;

/** How many times a transaction aborted by the server (deadlock, serialization) is tried. */
const ATTEMPTS = 3;
const RETRYABLE = new Set(['40001', '40P01']);
const INT8 = 20;

/** The connections a proxy keeps open; each is one backend process on the server. */
const POOL_SIZE = 10;

/** BIGINT columns (times in milliseconds, identities, counts) as numbers: they fit in 2^53. */
function typeParser(oid: number, format?: 'text' | 'binary') {
  if (oid === INT8 && format !== 'binary') return (value: string) => Number(value);
  return format === undefined ? pg.types.getTypeParser(oid) : pg.types.getTypeParser(oid, format);
}

export function errorCode(error: unknown): string | undefined {
  return (error as { code?: string } | null)?.code;
}

export class PgDatabase {
  readonly pool: pg.Pool;

  constructor(url: string, options: { max?: number } = {}) {
    this.pool = new pg.Pool({
      connectionString: url,
      max: options.max ?? POOL_SIZE,
      types: { getTypeParser: typeParser } as pg.CustomTypesConfig,
      application_name: 'st-proxy',
    });
    // An idle connection the server closed (a restart, a failover) is dropped from the pool; the
    // next query opens another. Without a listener the error would end the process.
    this.pool.on('error', () => {});
  }

  /** Rows of one statement, outside any transaction (it commits on its own). */
  async rows<R>(sql: string, params: unknown[] = []): Promise<R[]> {
    return (await this.pool.query(sql, params)).rows as R[];
  }

  /** Runs `work` in a transaction on one client: committed when it resolves, rolled back when it throws. */
  async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true; // the connection died with the transaction
        }
        if (attempt < ATTEMPTS && RETRYABLE.has(errorCode(error) ?? '')) continue;
        throw error;
      } finally {
        client.release(broken);
      }
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/** Rows of one statement on `db` (a client in a transaction, or the pool). */
export async function rowsOf<R>(db: Queryable, sql: string, params: unknown[] = []): Promise<R[]> {
  return (await db.query(sql, params)).rows as R[];
}

/** The first row of one statement, or undefined. */
export async function rowOf<R>(db: Queryable, sql: string, params: unknown[] = []): Promise<R | undefined> {
  return (await db.query(sql, params)).rows[0] as R | undefined;
}
