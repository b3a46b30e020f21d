/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The proxy to talk to when the app is not served by it (the mobile shell, `vite dev`). */
  readonly VITE_ST_SERVER?: string;
}
