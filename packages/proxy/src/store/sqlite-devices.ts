/**
 * Push devices in SQLite (the table of migration 10), on the store's own connection: SqliteStore
 * opens and migrates the file, and closes it.
 */
import type { PushPlatform } from '@st/protocol';
import type { Database, Transaction } from 'better-sqlite3';
import type { DeviceRegistration, DeviceStore, StoredDevice } from './device-store.ts';

interface DeviceRow {
  token: string;
  user_id: string;
  platform: PushPlatform;
  app_id: string | null;
  registered_at: number;
}

function toDevice(row: DeviceRow): StoredDevice {
  return {
    token: row.token,
    userId: row.user_id,
    platform: row.platform,
    ...(row.app_id === null ? {} : { appId: row.app_id }),
    registeredAt: row.registered_at,
  };
}

export class SqliteDeviceStore implements DeviceStore {
  private readonly statements: ReturnType<typeof prepare>;
  private readonly registerInTransaction: Transaction<
    (device: StoredDevice, limit: number) => DeviceRegistration
  >;
  constructor(db: Database) {
    this.statements = prepare(db);
    this.registerInTransaction = db.transaction((device: StoredDevice, limit: number) => {
      const s = this.statements;
      const previous = s.owner.get(device.token) as { user_id: string } | undefined;
      s.upsert.run(device.token, device.userId, device.platform, device.appId ?? null, device.registeredAt);
      const overLimit = s.oldest.all(device.userId, limit) as { token: string }[];
      for (const { token } of overLimit) s.remove.run(token);
      return {
        created: previous?.user_id !== device.userId,
        movedFrom: previous && previous.user_id !== device.userId ? previous.user_id : undefined,
        dropped: overLimit.map((row) => row.token),
      };
    });
  }

  async registerDevice(device: StoredDevice, limit: number): Promise<DeviceRegistration> {
    return this.registerInTransaction.immediate(device, limit);
  }

  async devices(userId: string): Promise<StoredDevice[]> {
    return (this.statements.byUser.all(userId) as DeviceRow[]).map(toDevice);
  }

  async removeDevice(token: string, userId?: string): Promise<boolean> {
    const result =
      userId === undefined ? this.statements.remove.run(token) : this.statements.removeOwn.run(token, userId);
    return result.changes > 0;
  }

  /** The connection belongs to the store, which closes it. */
  async close(): Promise<void> {}
}

function prepare(db: Database) {
  return {
    owner: db.prepare('SELECT user_id FROM push_devices WHERE token = ?'),
    upsert: db.prepare(`
      INSERT INTO push_devices (token, user_id, platform, app_id, registered_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (token) DO UPDATE SET user_id = excluded.user_id, platform = excluded.platform,
        app_id = excluded.app_id, registered_at = excluded.registered_at`),
    // Newest first; everything past the limit is the person's oldest registrations.
    oldest: db.prepare(`
      SELECT token FROM push_devices WHERE user_id = ?
      ORDER BY registered_at DESC, rowid DESC LIMIT -1 OFFSET ?`),
    byUser: db.prepare(`
      SELECT token, user_id, platform, app_id, registered_at FROM push_devices WHERE user_id = ?
      ORDER BY registered_at DESC, rowid DESC`),
    remove: db.prepare('DELETE FROM push_devices WHERE token = ?'),
    removeOwn: db.prepare('DELETE FROM push_devices WHERE token = ? AND user_id = ?'),
  };
}
