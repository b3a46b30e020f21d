/**
 * The push credentials, read and checked when the configuration loads, so a wrong file stops
 * start-up with one line naming the setting: the APNs `.p8` key (a PKCS#8 P-256 private key) and
 * the FCM service account (Google's JSON key file with an RSA private key).
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';

export class PushKeyError extends Error {
  override name = 'PushKeyError';
}

function privateKey(pem: string, what: string): KeyObject {
  try {
    return createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw new PushKeyError(`is not ${what}`);
  }
}

/** The key of a `.p8` file from Apple's developer account (Keys → Apple Push Notifications service). */
export function loadApnsKey(pem: string): KeyObject {
  const what = 'an APNs key (a .p8 file holding a PKCS#8 P-256 private key)';
  const key = privateKey(pem, what);
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new PushKeyError(`is not ${what}`);
  }
  return key;
}

export interface ServiceAccount {
  projectId: string;
  clientEmail: string;
  privateKeyId?: string | undefined;
  key: KeyObject;
  tokenUri: string;
}

const DEFAULT_TOKEN_URI = 'https://oauth2.googleapis.com/token';

/** A service account key file (Firebase console → Project settings → Service accounts). */
export function loadServiceAccount(text: string): ServiceAccount {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new PushKeyError('is not JSON (use the service account key file from the Firebase console)');
  }
  const field = (key: string) =>
    typeof json[key] === 'string' && json[key] !== '' ? (json[key] as string) : undefined;
  const projectId = field('project_id');
  const clientEmail = field('client_email');
  const pem = field('private_key');
  if (json.type !== 'service_account' || !projectId || !clientEmail || !pem) {
    throw new PushKeyError(
      'is not a service account key (it needs type "service_account", project_id, client_email and private_key)',
    );
  }
  const key = privateKey(pem, 'a service account key (its private_key is not a PEM private key)');
  if (key.asymmetricKeyType !== 'rsa') throw new PushKeyError('has a private_key that is not an RSA key');
  const tokenUri = field('token_uri') ?? DEFAULT_TOKEN_URI;
  if (!/^https:\/\//.test(tokenUri)) throw new PushKeyError('has a token_uri that is not https://');
  return { projectId, clientEmail, privateKeyId: field('private_key_id'), key, tokenUri };
}
