/**
 * What the push tests share: the fakes of APNs and FCM on a throwaway certificate, credentials
 * for both, and the `ST_*` settings that point a proxy at them.
 */
import type { ProxyConfig } from '../../config.ts';
import { makeTestCertificate, type TestCertificate } from './certificate.ts';
import { makeTestPushCredentials, type TestPushCredentials } from './credentials.ts';
import { FakeApns } from './fake-apns.ts';
import { FakeFcm } from './fake-fcm.ts';

export const TEST_TOPIC = 'com.example.st';

export interface PushRig {
  apns: FakeApns;
  fcm: FakeFcm;
  tls: TestCertificate;
  credentials: TestPushCredentials;
  /** Settings for a proxy that pushes to the fakes. */
  config: Pick<
    ProxyConfig,
    | 'apnsKeyFile'
    | 'apnsKeyId'
    | 'apnsTeamId'
    | 'apnsTopic'
    | 'apnsUrl'
    | 'fcmCredentials'
    | 'fcmUrl'
    | 'pushCaFile'
  >;
  /** The same as environment variables (for a proxy in a child process). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startPushRig(): Promise<PushRig> {
  const tls = makeTestCertificate();
  const credentials = makeTestPushCredentials();
  const apns = await new FakeApns({
    cert: tls.cert,
    key: tls.key,
    publicKey: credentials.apnsPublicKey,
    keyId: credentials.keyId,
    teamId: credentials.teamId,
    topics: [TEST_TOPIC],
  }).start();
  const fcm = await new FakeFcm({
    cert: tls.cert,
    key: tls.key,
    projectId: credentials.projectId,
    clientEmail: credentials.clientEmail,
    publicKey: credentials.fcmPublicKey,
  }).start();
  const config = {
    apnsKeyFile: credentials.apnsKeyFile,
    apnsKeyId: credentials.keyId,
    apnsTeamId: credentials.teamId,
    apnsTopic: TEST_TOPIC,
    apnsUrl: apns.url,
    fcmCredentials: credentials.writeServiceAccount(fcm.tokenUri),
    fcmUrl: fcm.url,
    pushCaFile: tls.certFile,
  };
  return {
    apns,
    fcm,
    tls,
    credentials,
    config,
    env: {
      ST_APNS_KEY_FILE: config.apnsKeyFile,
      ST_APNS_KEY_ID: config.apnsKeyId,
      ST_APNS_TEAM_ID: config.apnsTeamId,
      ST_APNS_TOPIC: config.apnsTopic,
      ST_APNS_URL: config.apnsUrl,
      ST_FCM_CREDENTIALS: config.fcmCredentials,
      ST_FCM_URL: config.fcmUrl,
      ST_PUSH_CA_FILE: config.pushCaFile,
    },
    async stop() {
      await apns.stop();
      await fcm.stop();
      tls.remove();
      credentials.remove();
    },
  };
}
