/**
 * SCRAM-SHA-1 with the salted password from node's PBKDF2 (OpenSSL) instead of the 10,000
 * WebCrypto HMAC calls @xmpp/client's mechanism makes one by one (seconds per sign-in on a busy
 * machine). The mechanism itself is @xmpp/client's: it takes a precomputed salted password for
 * the salt the server sent, and checks the server's signature as before.
 */
import { pbkdf2Sync } from 'node:crypto';

interface ScramState {
  _stage: string;
  _salt: Uint8Array;
  _iterationCount: number;
}

type Mechanism = new () => { response(cred: Record<string, unknown>): unknown };

interface SaslFactory {
  _mechs: { name: string; mech: Mechanism }[];
}

/** Replaces the factory's SCRAM-SHA-1 by the same mechanism with a fast salted password. */
export function useFastScram(factory: SaslFactory): void {
  const entry = factory._mechs.find((m) => m.name === 'SCRAM-SHA-1');
  if (!entry) return;
  const Base = entry.mech;
  entry.mech = class FastScram extends Base {
    override response(cred: Record<string, unknown>): unknown {
      const state = this as unknown as ScramState;
      if (state._stage !== 'challenge' || typeof cred.password !== 'string') return super.response(cred);
      const salted = pbkdf2Sync(cred.password, state._salt, state._iterationCount, 20, 'sha1');
      return super.response({ ...cred, salt: state._salt, saltedPassword: new Uint8Array(salted) });
    }
  };
}
