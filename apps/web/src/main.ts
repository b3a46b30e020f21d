/**
 * The browser entry of the hosted client: define the elements, make the page's client (the proxy
 * that served this page, with its session cookie) and mount the app. Nothing else runs on import.
 */
import { createClient } from '@st/client';
import { registerComponents } from '@st/components';
import { mountWebApp } from './index.ts';

registerComponents();
mountWebApp({
  client: createClient({
    client: 'web',
    ...(import.meta.env.VITE_ST_SERVER ? { server: import.meta.env.VITE_ST_SERVER } : {}),
  }),
});
