// Preload: exposes window.idsync (the typed API) to the sandboxed console, and nothing else.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { IdSyncApi } from '../shared/api.ts';
import { ApiCallError } from '../shared/api/call-error.ts';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type CallOutcome } from '../shared/api/transport.ts';


const api: IdSyncApi = {
  host: 'electron',
  async call(method, request) {
    const outcome = (await ipcRenderer.invoke(IPC_CALL_CHANNEL, method, request)) as CallOutcome;
    if (outcome.ok) return outcome.value as never;
    throw new ApiCallError(outcome.error.code, outcome.error.message, outcome.error.detail);
  },
  on(event, listener) {
    const handler = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) (listener as (p: unknown) => void)(payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld('idsync', api);
