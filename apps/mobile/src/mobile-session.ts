/**
 * The phone's side of the session, beside the hosted client: once someone is logged in it
 * registers the phone for pushes, tells the proxy when the app goes to the background (so pushes
 * start) and comes back (so they stop), and acts on notifications: a tap opens the conversation,
 * a reply typed into the notification is sent without opening the app.
 */
import type { StClient } from '@st/client';
import { distinctUntilChanged, map, type Subscription } from 'rxjs';
import type { DeviceToken, MobilePlatform, NotificationAction } from './platform/types.ts';
import type { ProxyApi } from './proxy-api.ts';

/** Opens a conversation by id (a tapped notification names the conversation, not a person). */
export interface ConversationOpener {
  openConversation(conversationId: string): void;
}

export interface MobileSessionOptions {
  client: Pick<StClient, 'user$'>;
  api: ProxyApi;
  platform: MobilePlatform;
  opener: ConversationOpener;
  /** The app's bundle id or package name, sent with the device so the proxy picks its APNs topic. */
  appId?: string | undefined;
  onError?: (error: unknown) => void;
}

/** The data of a push names its conversation here (see the proxy's push/notification.ts). */
function conversationOf(action: NotificationAction): string | undefined {
  const id = action.data.conversationId;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

export class MobileSession {
  private readonly stops: (() => void)[] = [];
  private subscription: Subscription | undefined;
  private signedIn = false;
  /** A notification acted on before the login finished (the app was opened by the tap). */
  private pending: NotificationAction[] = [];
  /** The device registered with the proxy for this login, once it is. */
  registered: DeviceToken | null = null;

  constructor(private readonly options: MobileSessionOptions) {}

  start(): void {
    const { platform, client } = this.options;
    this.subscription = client.user$
      .pipe(
        map((user) => user?.id),
        distinctUntilChanged(),
      )
      .subscribe((userId) => {
        this.signedIn = userId !== undefined;
        this.registered = null;
        if (!this.signedIn) return;
        this.guard(this.registerPush());
        for (const action of this.pending.splice(0)) this.act(action);
      });
    this.stops.push(
      platform.appState.onChange((active) => {
        if (this.signedIn) this.guard(this.options.api.reportForeground(active));
      }),
      platform.push.onTokenChange((token) => {
        if (this.signedIn) this.guard(this.sendDevice(token));
      }),
      platform.push.onAction((action) => {
        if (this.signedIn) this.act(action);
        else this.pending.push(action);
      }),
    );
  }

  stop(): void {
    this.subscription?.unsubscribe();
    for (const stop of this.stops.splice(0)) stop();
  }

  private async registerPush(): Promise<void> {
    const token = await this.options.platform.push.register();
    if (token && this.signedIn) await this.sendDevice(token);
  }

  private async sendDevice(token: DeviceToken): Promise<void> {
    await this.options.api.registerDevice(token, this.options.appId);
    this.registered = token;
  }

  private act(action: NotificationAction): void {
    const conversationId = conversationOf(action);
    if (!conversationId) return;
    if (action.replyText?.trim()) {
      const clientId = `push-reply-${crypto.randomUUID()}`;
      this.guard(this.options.api.reply(conversationId, action.replyText, clientId));
      return;
    }
    this.options.opener.openConversation(conversationId);
  }

  private guard(work: Promise<unknown>): void {
    work.catch((error: unknown) => this.options.onError?.(error));
  }
}
