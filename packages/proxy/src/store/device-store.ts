/**
 * Push devices: the tokens phones registered, by person. Like the rest of the store, behind an
 * asynchronous interface so a store shared by a cluster can replace the embedded SQLite one.
 */
import type { PushPlatform } from '@st/protocol';

export interface StoredDevice {
  token: string;
  userId: string;
  platform: PushPlatform;
  /** The app's bundle id or package name, when the app said. */
  appId?: string | undefined;
  /** Milliseconds since the epoch of the latest registration. */
  registeredAt: number;
}

export interface DeviceRegistration {
  /** False when the person already had this token (a repeated registration). */
  created: boolean;
  /** The person the token belonged to before, when it moved. */
  movedFrom?: string | undefined;
  /** Tokens of the person dropped to stay within the limit (their oldest). */
  dropped: string[];
}

export interface DeviceStore {
  /**
   * Stores `device` for its person, atomically: a token registered by someone else moves to this
   * person, and past `limit` devices the person's least recently registered ones are dropped.
   */
  registerDevice(device: StoredDevice, limit: number): Promise<DeviceRegistration>;
  /** The person's devices, most recently registered first. */
  devices(userId: string): Promise<StoredDevice[]>;
  /**
   * Removes a token; with `userId`, only when it belongs to that person (a person cannot remove
   * another's device). Answers whether a device was removed.
   */
  removeDevice(token: string, userId?: string): Promise<boolean>;
  close(): Promise<void>;
}
