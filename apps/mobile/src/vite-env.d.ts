/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The proxy the app talks to, e.g. `https://st.example.com` (docs/mobile.md). */
  readonly VITE_ST_SERVER?: string;
  /** The app's bundle id, sent with its push token (defaults to the proxy's first ST_APNS_TOPIC). */
  readonly VITE_ST_APP_ID?: string;
}
