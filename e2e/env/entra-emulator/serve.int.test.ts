import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HttpsTransport } from '../../../engine/connectors/entra/https-transport.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('Entra emulator as a separate process', () => {
  it('prints its connection details, serves tokens and Graph, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'serve.ts'), '--users', '3'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`emulator exited early with ${code}`)));
      });
      const info = JSON.parse(line) as { authority: string; graphBaseUrl: string; clientId: string; clientSecret: string; caFile: string; approveUrl: string };
      const http = new HttpsTransport(readFileSync(info.caFile, 'utf8'));
      const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: info.clientId, client_secret: info.clientSecret, scope: 'https://graph.microsoft.com/.default' });
      const token = JSON.parse((await http.send('POST', `${info.authority}/oauth2/v2.0/token`, { 'Content-Type': 'application/x-www-form-urlencoded' }, form.toString())).body.toString()).access_token as string;
      const users = JSON.parse((await http.send('GET', `${info.graphBaseUrl}/v1.0/users?$select=id`, { Authorization: `Bearer ${token}` })).body.toString());
      expect(users.value).toHaveLength(3);
      const approve = await http.send('POST', info.approveUrl, { 'Content-Type': 'application/json' }, JSON.stringify({ userCode: 'NOPE' }));
      expect(approve.status).toBe(404);
      http.close();
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
