import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';
import { bundleCli } from './engine/sync/cli-bundle.ts';
import { runCrashCampaign } from './e2e/crash/campaign.ts';
const cli = await bundleCli();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-mini-'));
const r = await runCrashCampaign({ people: 60, kills: 10, targets: ['entra', 'ldap'], dir, cliFile: cli.file, seed: 7, log: (m) => console.log(m.slice(0, 200)) });
console.log(JSON.stringify({ ldap: r.targets.ldap, entra: r.targets.entra }, null, 1));
cli.remove(); fs.rmSync(dir, { recursive: true, force: true });
