// Serves the built console under app://idsync/ with the same security headers as the headless host.
import { protocol, net } from 'electron';
import { pathToFileURL } from 'node:url';
import { resolveStatic } from '../engine/host/static-files.ts';
import { SECURITY_HEADERS } from '../engine/host/security.ts';

export const APP_ORIGIN = 'app://idsync';

/** Must run before the app is ready: app:// behaves like https (secure, standard). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Answers app://idsync/... from the console's directory. */
export function handleAppProtocol(rendererDir: string): void {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    const found = url.host === 'idsync' ? resolveStatic(rendererDir, url.pathname) : null;
    if (!found) return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
    const file = await net.fetch(pathToFileURL(found.file).toString());
    return new Response(file.body, { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': found.type } });
  });
}
