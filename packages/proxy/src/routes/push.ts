import {
  type PushDevice,
  PushDeviceParams,
  PushDevice as PushDeviceSchema,
  PushDevicesResponse,
  RegisterDeviceRequest,
} from '@st/protocol';
import type { FastifyInstance } from 'fastify';
import { AuthMode } from '../auth/hook.ts';
import type { ProxyContext } from '../context.ts';
import type { StoredDevice } from '../store/device-store.ts';
import { defineRoute } from './define.ts';

const TAG = 'push';

const BODY_ERRORS = [
  'ST_ERR_VALIDATION',
  'ST_ERR_MALFORMED_JSON',
  'ST_ERR_UNSUPPORTED_MEDIA_TYPE',
  'ST_ERR_BODY_TOO_LARGE',
] as const;

function asPushDevice(device: StoredDevice): PushDevice {
  return {
    platform: device.platform,
    token: device.token,
    ...(device.appId ? { appId: device.appId } : {}),
    registeredAt: new Date(device.registeredAt).toISOString(),
  };
}

export function pushRoutes(app: FastifyInstance, context: ProxyContext): void {
  const push = context.push;

  defineRoute(app, context, {
    method: 'POST',
    url: '/api/v1/push/devices',
    auth: AuthMode.Required,
    body: RegisterDeviceRequest,
    doc: {
      tag: TAG,
      summary: 'Register this device for push notifications',
      description:
        'Stores the token the phone got from APNs (`ios`) or FCM (`android`) for the caller. ' +
        'Registering again is harmless; a token registered by another person moves to the caller. ' +
        'Pushes go to every device of a person while none of their sessions is in the foreground ' +
        '(see `PUT /api/v1/session/state`). Logging out of the login that registered a device ' +
        'removes it, and so does the push service saying the token is dead.',
      success: { status: 201, description: 'Registered', schema: PushDeviceSchema },
      errors: [...BODY_ERRORS],
    },
    handler: async ({ body, login, reply }) => {
      const device = await push.registerDevice(login!, body);
      return reply.code(201).send(asPushDevice(device));
    },
  });

  defineRoute(app, context, {
    method: 'GET',
    url: '/api/v1/push/devices',
    auth: AuthMode.Required,
    doc: {
      tag: TAG,
      summary: 'My registered devices',
      description: 'The devices pushes go to, most recently registered first.',
      success: { status: 200, description: 'The devices', schema: PushDevicesResponse },
      errors: [],
    },
    handler: async ({ login }): Promise<PushDevicesResponse> => ({
      devices: (await push.devicesOf(login!.userId)).map(asPushDevice),
    }),
  });

  defineRoute(app, context, {
    method: 'DELETE',
    url: '/api/v1/push/devices/:token',
    auth: AuthMode.Required,
    params: PushDeviceParams,
    doc: {
      tag: TAG,
      summary: 'Stop pushing to a device',
      description:
        'Removes one of the caller’s devices. Answers 204 also when there was no such device of ' +
        'theirs, so a retried removal succeeds and another person’s token is never revealed.',
      success: { status: 204, description: 'Removed' },
      errors: ['ST_ERR_VALIDATION'],
    },
    handler: async ({ params, login, reply }) => {
      await push.removeDevice(login!, params.token);
      return reply.code(204).send();
    },
  });
}
