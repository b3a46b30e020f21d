/**
 * An idb-keyval store whose connection gives way: when another tab (or this one, at logout) wants
 * to delete the database, the connection closes instead of blocking the deletion forever, and it
 * reopens by itself the next time it is used. idb-keyval's own `createStore` keeps its connection
 * open for the life of the page.
 */
import type { UseStore } from 'idb-keyval';

export interface YieldingStore {
  use: UseStore;
  /** Close the connection now (it reopens if used again). */
  close(): void;
}

export function yieldingStore(dbName: string, storeName: string): YieldingStore {
  let connection: Promise<IDBDatabase> | undefined;
  const open = (): Promise<IDBDatabase> => {
    if (connection) return connection;
    const request = indexedDB.open(dbName);
    request.onupgradeneeded = () => request.result.createObjectStore(storeName);
    const opening = new Promise<IDBDatabase>((resolve, reject) => {
      request.onsuccess = () => {
        const db = request.result;
        const forget = () => {
          if (connection === opening) connection = undefined;
        };
        db.onversionchange = () => {
          db.close();
          forget();
        };
        db.onclose = forget;
        resolve(db);
      };
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error(`${dbName} is being deleted`));
    });
    opening.catch(() => {
      if (connection === opening) connection = undefined;
    });
    connection = opening;
    return opening;
  };
  return {
    use: (mode, callback) =>
      open().then((db) => callback(db.transaction(storeName, mode).objectStore(storeName))),
    close() {
      const current = connection;
      connection = undefined;
      current?.then(
        (db) => db.close(),
        () => undefined,
      );
    },
  };
}
