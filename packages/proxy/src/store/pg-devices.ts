/** Push devices in PostgreSQL (the table of migration 10), on the store's pool. */
import type { PushPlatform } from '@st/protocol';
import type { DeviceRegistration, DeviceStore, StoredDevice } from './device-store.ts';
import { type PgDatabase, rowOf, rowsOf } from './pg-database.ts';

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

export class PgDeviceStore implements DeviceStore {
  constructor(private readonly db: PgDatabase) {}

  registerDevice(device: StoredDevice, limit: number): Promise<DeviceRegistration> {
    return this.db.transaction(async (c) => {
      const previous = await rowOf<{ user_id: string }>(
        c,
        'SELECT user_id FROM push_devices WHERE token = $1 FOR UPDATE',
        [device.token],
      );
      await c.query(
        `INSERT INTO push_devices (token, user_id, platform, app_id, registered_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (token) DO UPDATE SET user_id = excluded.user_id, platform = excluded.platform,
           app_id = excluded.app_id, registered_at = excluded.registered_at`,
        [device.token, device.userId, device.platform, device.appId ?? null, device.registeredAt],
      );
      // Newest first; everything past the limit is the person's oldest registrations.
      const overLimit = await rowsOf<{ token: string }>(
        c,
        `DELETE FROM push_devices WHERE token IN (
           SELECT token FROM push_devices WHERE user_id = $1
           ORDER BY registered_at DESC, ordinal DESC OFFSET $2)
         RETURNING token`,
        [device.userId, limit],
      );
      return {
        created: previous?.user_id !== device.userId,
        movedFrom: previous && previous.user_id !== device.userId ? previous.user_id : undefined,
        dropped: overLimit.map((row) => row.token),
      };
    });
  }

  async devices(userId: string): Promise<StoredDevice[]> {
    const rows = await this.db.rows<DeviceRow>(
      `SELECT token, user_id, platform, app_id, registered_at FROM push_devices WHERE user_id = $1
       ORDER BY registered_at DESC, ordinal DESC`,
      [userId],
    );
    return rows.map(toDevice);
  }

  async removeDevice(token: string, userId?: string): Promise<boolean> {
    const removed =
      userId === undefined
        ? await this.db.rows('DELETE FROM push_devices WHERE token = $1 RETURNING 1', [token])
        : await this.db.rows('DELETE FROM push_devices WHERE token = $1 AND user_id = $2 RETURNING 1', [
            token,
            userId,
          ]);
    return removed.length > 0;
  }

  /** The pool belongs to the store, which closes it. */
  async close(): Promise<void> {}
}
