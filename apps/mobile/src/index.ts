/**
 * `@st/mobile`: the Capacitor shell around the hosted client. `main.ts` is the app's entry; this
 * module is for tests and harnesses that start the app with platform doubles.
 */
export {
  type MobileApp,
  type MobileAppOptions,
  type MobileChatLauncher,
  OPEN_CONVERSATION_EVENT,
  startMobileApp,
} from './mobile-app.ts';
export { type ConversationOpener, MobileSession } from './mobile-session.ts';
export type {
  AppStatePort,
  DeviceToken,
  KeyValueStorage,
  MobilePlatform,
  NotificationAction,
  PushPort,
} from './platform/types.ts';
export { ProxyApi } from './proxy-api.ts';
export { SERVER_KEY, serverSetting } from './server-setting.ts';
export { TOKEN_KEY, TokenKeeper } from './token-keeper.ts';
