/**
 * Push credentials made for one test: an APNs `.p8` key (P-256) and a Google service account
 * (RSA), written to files as the real ones are, with the public halves the fakes verify with.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestPushCredentials {
  apnsKeyFile: string;
  apnsPrivateKey: KeyObject;
  apnsPublicKey: KeyObject;
  keyId: string;
  teamId: string;
  /** Writes the service account file naming `tokenUri` (the fake's) and answers its path. */
  writeServiceAccount(tokenUri: string): string;
  fcmPublicKey: KeyObject;
  projectId: string;
  clientEmail: string;
  remove(): void;
}

export function makeTestPushCredentials(): TestPushCredentials {
  const dir = mkdtempSync(join(tmpdir(), 'st-push-keys-'));
  const apns = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const apnsKeyFile = join(dir, 'AuthKey_TESTKEY123.p8');
  writeFileSync(apnsKeyFile, apns.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const fcm = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const projectId = 'st-test-project';
  const clientEmail = 'push@st-test-project.iam.gserviceaccount.com';
  return {
    apnsKeyFile,
    apnsPrivateKey: apns.privateKey,
    apnsPublicKey: apns.publicKey,
    keyId: 'TESTKEY123',
    teamId: 'TEAM456789',
    writeServiceAccount(tokenUri) {
      const file = join(dir, 'service-account.json');
      writeFileSync(
        file,
        JSON.stringify({
          type: 'service_account',
          project_id: projectId,
          private_key_id: 'test-key-1',
          private_key: fcm.privateKey.export({ type: 'pkcs8', format: 'pem' }),
          client_email: clientEmail,
          token_uri: tokenUri,
        }),
      );
      return file;
    },
    fcmPublicKey: fcm.publicKey,
    projectId,
    clientEmail,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
