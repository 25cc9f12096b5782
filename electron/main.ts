// Electron main process: one window, the engine in a worker thread, the API relayed over IPC.
import { app, BrowserWindow, ipcMain } from 'electron';
import path from 'node:path';
import { isMethodName } from '../shared/api.ts';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type CallOutcome } from '../shared/api/transport.ts';
import { EngineWorker, EngineCallError } from '../engine/host/engine-worker.ts';
import { resolveHome } from '../engine/host/home.ts';
import { rendererDist } from '../engine/host/paths.ts';
import { APP_ORIGIN, handleAppProtocol, registerAppScheme } from './app-protocol.ts';
import { hardenApp, isTrustedSender } from './hardening.ts';
import { loadSecretKey } from './secret-key.ts';

registerAppScheme();
app.enableSandbox();

let engine: EngineWorker | null = null;
let window: BrowserWindow | null = null;

async function createWindow(): Promise<void> {
  window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    title: 'IdSync Synchronization Service Manager',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window?.show());
  window.on('closed', () => (window = null));
  await window.loadURL(`${APP_ORIGIN}/index.html`);
}

app.whenReady().then(async () => {
  hardenApp();
  handleAppProtocol(rendererDist);
  const home = resolveHome();
  engine = new EngineWorker({ home, host: 'electron', secretKey: loadSecretKey(home) });
  engine.onEvent((event, payload) => window?.webContents.send(IPC_EVENT_CHANNEL, event, payload));
  ipcMain.handle(IPC_CALL_CHANNEL, async (event, method: unknown, request: unknown): Promise<CallOutcome> => {
    const frame = event.senderFrame;
    if (!frame || !isTrustedSender(frame.url, frame === event.sender.mainFrame) || event.sender !== window?.webContents) {
      return { ok: false, error: { code: 'forbidden', message: 'IPC refused: not the console window' } };
    }
    if (!isMethodName(method)) return { ok: false, error: { code: 'unknown-method', message: `Unknown API method: ${String(method)}` } };
    try {
      return { ok: true, value: await engine!.callUntyped(method, request) };
    } catch (err) {
      const e = err instanceof EngineCallError ? err : new EngineCallError('unexpected-error', String(err));
      return { ok: false, error: { code: e.code, message: e.message, detail: e.detail } };
    }
  });
  await createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow();
  });
});

app.on('window-all-closed', () => {
  void (engine?.close() ?? Promise.resolve()).finally(() => app.quit());
});
