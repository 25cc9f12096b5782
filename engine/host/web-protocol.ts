// Messages of the console's WebSocket: calls from the browser, results and events from the host.
import type { ApiErrorShape, EventName } from '../../shared/api.ts';

export type WebClientMessage = { readonly id: number; readonly method: string; readonly request: unknown };

export type WebServerMessage =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  /** id is null when the message was refused before its id could be read. */
  | { readonly id: number | null; readonly ok: false; readonly error: ApiErrorShape }
  | { readonly event: EventName; readonly payload: unknown };

export { WEB_API_PATH } from '../../shared/api/transport.ts';
