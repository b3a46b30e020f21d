/**
 * The app's entry in the phone's web view: the elements, Capacitor's plugins as the platform, and
 * the hosted client on a mobile session. Nothing else runs on import.
 */
import { registerComponents } from '@st/components';
import { startMobileApp } from './mobile-app.ts';
import { capacitorPlatform } from './platform/capacitor.ts';
import { serverSetting } from './server-setting.ts';

registerComponents();
const platform = capacitorPlatform();
void serverSetting(platform.storage, import.meta.env.VITE_ST_SERVER).then((server) =>
  startMobileApp({ platform, server, appId: import.meta.env.VITE_ST_APP_ID }),
);
