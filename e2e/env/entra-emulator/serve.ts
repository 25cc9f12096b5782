// Runs the emulator as its own process for out-of-process tests (CLI, console wizard):
// `npx tsx e2e/env/entra-emulator/serve.ts [--users N] [--extension-app]` prints one JSON line with the connection
// details and the path of the CA file, and stops on SIGINT/SIGTERM. `--extension-app` adds an application for
// directory extensions, owned by the emulator's app (Application.ReadWrite.OwnedBy), and prints its appId.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startEntraEmulator } from './index.ts';

const { values } = parseArgs({ options: { users: { type: 'string', default: '0' }, tenant: { type: 'string' }, 'extension-app': { type: 'boolean', default: false } } });
const users = Number(values.users);
if (!Number.isInteger(users) || users < 0) throw new Error(`--users must be a whole number, not '${values.users}'`);

const emu = await startEntraEmulator({ tenantId: values.tenant });
for (let i = 0; i < users; i++) {
  emu.state.addUser({ userPrincipalName: `user${i}@contoso.onmicrosoft.com`, displayName: `User ${i}`, mailNickname: `user${i}` });
}
const extensionApp = values['extension-app'] ? emu.state.addApplication({ displayName: 'Tenant Schema Extension App', owners: [emu.clientId] }) : undefined;
const dir = mkdtempSync(path.join(tmpdir(), 'entra-emu-'));
const caFile = path.join(dir, 'ca.pem');
writeFileSync(caFile, emu.caPem);
process.stdout.write(`${JSON.stringify({
  authority: emu.authority, authorityHost: emu.authorityHost, graphBaseUrl: emu.graphBaseUrl, tenantId: emu.tenantId,
  clientId: emu.clientId, clientSecret: emu.clientSecret, caFile, approveUrl: `${emu.graphBaseUrl}/_emulator/device/approve`,
  ...(extensionApp ? { extensionAppId: extensionApp.appId } : {}),
})}\n`);

const stop = async (): Promise<void> => {
  await emu.stop();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
