import type { IdSyncApi } from '../../../shared/api.ts';

declare global {
  interface Window {
    /** Provided by the Electron preload; in a browser the WebSocket client installs it. */
    idsync?: IdSyncApi;
  }
}
