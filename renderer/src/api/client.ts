// The one API object of the console, whichever host provides it.
import type { IdSyncApi } from '../../../shared/api.ts';
import { createWebSocketApi } from './ws-client.ts';

let api: IdSyncApi | null = null;

/** The preload's window.idsync in Electron, else the WebSocket client. */
export function getApi(): IdSyncApi {
  if (!api) {
    // In a browser the WebSocket client stands in for the preload's object, under the same name.
    api = window.idsync ?? createWebSocketApi();
    window.idsync = api;
  }
  return api;
}
