/**
 * The few calls the shell makes itself, beside the SDK's: registering the phone for pushes,
 * reporting foreground and background, and sending a reply typed into a notification.
 */
import type { PushDevice, RegisterDeviceRequest } from '@st/protocol';
import type { DeviceToken } from './platform/types.ts';

export class MobileApiError extends Error {
  override name = 'MobileApiError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class ProxyApi {
  constructor(
    private readonly server: string,
    private readonly token: () => string | undefined,
    private readonly fetchImpl: typeof fetch = (input, init) => globalThis.fetch(input, init),
  ) {}

  async registerDevice(device: DeviceToken, appId?: string): Promise<PushDevice> {
    const body: RegisterDeviceRequest = { ...device, ...(appId ? { appId } : {}) };
    return (await this.call('POST', '/api/v1/push/devices', body)) as PushDevice;
  }

  async reportForeground(foreground: boolean): Promise<void> {
    await this.call('PUT', '/api/v1/session/state', { foreground });
  }

  async reply(conversationId: string, text: string, clientId: string): Promise<void> {
    await this.call('POST', `/api/v1/conversations/${encodeURIComponent(conversationId)}/messages`, {
      text,
      clientId,
    });
  }

  private async call(method: string, path: string, body: unknown): Promise<unknown> {
    const token = this.token();
    if (!token) throw new MobileApiError(401, 'Not logged in.');
    const response = await this.fetchImpl(`${this.server}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
    });
    if (!response.ok)
      throw new MobileApiError(response.status, `${method} ${path} answered ${response.status}`);
    return response.status === 204 ? undefined : response.json();
  }
}
