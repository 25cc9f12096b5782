// Names of the transports that carry the API: the Electron IPC channels and the headless host's socket path.
// Method names travel inside these envelopes, so adding a method never adds a channel.

/** Electron IPC channel for calls (renderer → main, invoke/handle). */
export const IPC_CALL_CHANNEL = 'idsync:call';
/** Electron IPC channel for engine events (main → renderer). */
export const IPC_EVENT_CHANNEL = 'idsync:event';
/** WebSocket path of the headless host. */
export const WEB_API_PATH = '/api';

/** The envelope of a call's outcome on either transport. */
export type CallOutcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: { readonly code: string; readonly message: string; readonly detail?: string } };
/** Session-storage key under which the console page keeps the headless host's token (per origin, so per port). */
export const WEB_TOKEN_STORAGE_KEY = 'idsync.token';
