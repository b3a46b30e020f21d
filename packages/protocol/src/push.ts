/**
 * Schemas of the push-device API (`/api/v1/push/devices`). A phone registers the token its push
 * service gave it (APNs on iOS, FCM on Android) under the login it is using; the proxy pushes to
 * the person's devices while none of their sessions is in the foreground. A token belongs to one
 * person at a time: registering it under another login moves it.
 */
import { z } from 'zod';
import { LIMITS } from './limits.ts';

export const PushPlatform = z.enum(['ios', 'android']);
export type PushPlatform = z.infer<typeof PushPlatform>;

/**
 * A device token as the push service issued it: APNs tokens are hex, FCM tokens are base64url
 * with `:` separators. Nothing else is allowed, since the token also travels in a URL path.
 */
export const PushToken = z
  .string()
  .min(1)
  .max(LIMITS.pushTokenLength)
  .regex(/^[A-Za-z0-9:_.-]+$/, 'must be a device token from APNs or FCM');

/** The app's bundle id (iOS) or package name (Android), e.g. `com.example.st`. */
export const PushAppId = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9._-]+$/, 'must be a bundle id or package name');

/** `POST /api/v1/push/devices`: register this device (idempotent). `topic` is a synonym of `appId`. */
export const RegisterDeviceRequest = z.strictObject({
  platform: PushPlatform,
  token: PushToken,
  appId: PushAppId.optional(),
  topic: PushAppId.optional(),
});
export type RegisterDeviceRequest = z.infer<typeof RegisterDeviceRequest>;

/** One registered device, as its person sees it. */
export const PushDevice = z.object({
  platform: PushPlatform,
  token: z.string(),
  appId: z.string().optional(),
  registeredAt: z.string().describe('ISO 8601 time of the latest registration'),
});
export type PushDevice = z.infer<typeof PushDevice>;

/** `GET /api/v1/push/devices`: the caller's devices, most recently registered first. */
export const PushDevicesResponse = z.object({ devices: z.array(PushDevice) });
export type PushDevicesResponse = z.infer<typeof PushDevicesResponse>;

/** Path parameters of `DELETE /api/v1/push/devices/{token}`. */
export const PushDeviceParams = z.strictObject({ token: PushToken });
export type PushDeviceParams = z.infer<typeof PushDeviceParams>;
