/**
 * Builds the push sender of one proxy from its settings: APNs when ST_APNS_* are set, FCM when
 * ST_FCM_CREDENTIALS is, either, both or neither (devices are kept all the same, so pushes start
 * as soon as the settings arrive). The credentials were checked when the configuration loaded.
 */
import { readFileSync } from 'node:fs';
import type { FastifyBaseLogger } from 'fastify';
import type { Registry } from 'prom-client';
import type { ClusterReach } from '../cluster/types.ts';
import type { ProxyConfig } from '../config.ts';
import type { DeviceStore } from '../store/device-store.ts';
import { ApnsSender } from './apns-sender.ts';
import { ApnsTokenSigner } from './apns-token.ts';
import { type BadgeSource, PushCountBadges } from './badges.ts';
import { FcmAccessTokens } from './fcm-auth.ts';
import { FcmSender } from './fcm-sender.ts';
import type { IndexedLoginStore } from './foreground.ts';
import { HttpsClient } from './https-client.ts';
import { loadApnsKey, loadServiceAccount } from './keys.ts';
import { PushMetrics } from './metrics.ts';
import type { PushTransport } from './outcome.ts';
import { type PreferenceSource, pushPreferencesFrom } from './preferences.ts';
import { PushService } from './service.ts';

export interface PushParts {
  config: ProxyConfig;
  log: FastifyBaseLogger;
  registry: Registry;
  /** Must already have its stream registry: the sender hooks in after it (logout removes devices). */
  logins: IndexedLoginStore;
  /** The people's preferences (`hideMessageTextInPush`). */
  preferences: PreferenceSource;
  /** Where devices are kept: the proxy's store (store/open.ts). */
  devices: DeviceStore;
  /** Badge counts (shared by the proxies of a cluster); by default counted in this process. */
  badges?: BadgeSource | undefined;
  /** The other proxies of a cluster, asked whether the person is in the foreground there. */
  reach?: Pick<ClusterReach, 'foregroundElsewhere'> | undefined;
}

function transports(config: ProxyConfig): PushTransport[] {
  const ca = config.pushCaFile ? readFileSync(config.pushCaFile, 'utf8') : undefined;
  const list: PushTransport[] = [];
  const { apnsKeyFile, apnsKeyId, apnsTeamId, apnsTopic } = config;
  if (apnsKeyFile && apnsKeyId && apnsTeamId && apnsTopic) {
    const key = loadApnsKey(readFileSync(apnsKeyFile, 'utf8'));
    list.push(
      new ApnsSender({
        url: config.apnsUrl,
        topics: apnsTopic.split(','),
        signer: new ApnsTokenSigner(key, apnsKeyId, apnsTeamId),
        ca,
      }),
    );
  }
  if (config.fcmCredentials) {
    const account = loadServiceAccount(readFileSync(config.fcmCredentials, 'utf8'));
    const http = new HttpsClient(ca);
    list.push(
      new FcmSender({
        url: config.fcmUrl,
        projectId: account.projectId,
        tokens: new FcmAccessTokens(account, http),
        http,
      }),
    );
  }
  return list;
}

export function createPushService(parts: PushParts): PushService {
  const { config, log, logins } = parts;
  const service = new PushService({
    log,
    logins,
    devices: parts.devices,
    preferences: pushPreferencesFrom(parts.preferences),
    badges: parts.badges ?? new PushCountBadges(),
    reach: parts.reach ?? { foregroundElsewhere: async () => false },
    metrics: new PushMetrics(parts.registry),
    transports: transports(config),
  });
  const platforms = service.platforms;
  log.info({ apns: platforms.includes('ios'), fcm: platforms.includes('android') }, 'push notifications');
  // Each proxy removes the devices registered through it, whichever proxy the logout reached.
  logins.subscribe((login, why) => {
    service
      .loginEnded(login, why)
      .catch((error: unknown) => log.warn({ err: error }, 'push device removal failed'));
  });
  return service;
}
