// The engine worker thread: one ApiService, driven by messages from its host.
import { parentPort, workerData } from 'node:worker_threads';
import { ApiService } from '../service/service.ts';
import { toApiError } from '../service/api-error.ts';
import type { FromWorker, ToWorker, WorkerInit } from './worker-protocol.ts';

const port = parentPort;
if (!port) throw new Error('engine/host/worker.ts must run as a worker thread');

const init = workerData as WorkerInit;
const post = (message: FromWorker) => port.postMessage(message);
let service: ApiService;
try {
  service = new ApiService({
    home: init.home,
    host: init.host,
    secretKey: init.secretKey ? Buffer.from(init.secretKey, 'base64') : undefined,
    onEvent: (event, payload) => post({ type: 'event', event, payload }),
  });
} catch (err) {
  post({ type: 'failed', error: toApiError(err, 'start') });
  port.close();
  process.exit(1);
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'shutdown') {
    void service.close().finally(() => {
      post({ type: 'closed' });
      port.close();
    });
    return;
  }
  service.dispatch(message.method, message.request).then(
    (value) => post({ type: 'result', id: message.id, ok: true, value }),
    (err: unknown) => post({ type: 'result', id: message.id, ok: false, error: toApiError(err, message.method) }),
  );
});
post({ type: 'ready' });
