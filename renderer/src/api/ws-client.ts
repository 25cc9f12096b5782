// The browser's window.idsync: the same API over the headless host's WebSocket.
import type { EventName, EventPayload, IdSyncApi, MethodName, RequestOf, ResponseOf } from '../../../shared/api.ts';
import { ApiCallError } from '../../../shared/api/call-error.ts';
import { WEB_API_PATH } from '../../../shared/api/transport.ts';
import { takeSessionToken } from './session-token.ts';

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
}


/** Creates a WebSocket-backed API that reconnects when the connection drops. */
export function createWebSocketApi(location: Location = window.location): IdSyncApi {
  const token = takeSessionToken(location, window.sessionStorage, window.history);
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WEB_API_PATH}${query}`;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let opening: Promise<WebSocket> | null = null;

  const connect = (): Promise<WebSocket> => {
    if (socket && socket.readyState === WebSocket.OPEN) return Promise.resolve(socket);
    if (opening) return opening;
    opening = new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.onopen = () => {
        socket = ws;
        opening = null;
        resolve(ws);
      };
      ws.onerror = () => {
        opening = null;
        reject(new ApiCallError('host-unreachable', 'The IdSync host cannot be reached'));
      };
      ws.onclose = () => {
        socket = null;
        for (const p of pending.values()) p.reject(new ApiCallError('host-unreachable', 'The connection to the IdSync host was lost'));
        pending.clear();
        // Keep events flowing after a host restart.
        if (listeners.size > 0) setTimeout(() => void connect().catch(() => undefined), 1000);
      };
      ws.onmessage = (ev) => {
        const msg = JSON.parse(String(ev.data)) as
          | { id: number; ok: true; value: unknown }
          | { id: number; ok: false; error: { code: string; message: string; detail?: string } }
          | { event: string; payload: unknown };
        if ('event' in msg) {
          for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
          return;
        }
        const p = pending.get(msg.id);
        if (!p) return;
        pending.delete(msg.id);
        if (msg.ok) p.resolve(msg.value);
        else p.reject(new ApiCallError(msg.error.code, msg.error.message, msg.error.detail));
      };
    });
    return opening;
  };

  return {
    host: 'web',
    async call<M extends MethodName>(method: M, request: RequestOf<M>): Promise<ResponseOf<M>> {
      const ws = await connect();
      const id = nextId++;
      return new Promise<ResponseOf<M>>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        ws.send(JSON.stringify({ id, method, request }));
      });
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as (payload: unknown) => void;
      set.add(l);
      void connect().catch(() => undefined);
      return () => set.delete(l);
    },
  };
}
