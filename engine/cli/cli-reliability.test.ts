// The CLI as an operator meets it when things go wrong: a run refused while another process holds the engine,
// a cycle without listener warnings, problems listed with their location, and a private data directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCli, runCli } from '../sync/cli-bundle.ts';
import { ApiService } from '../service/service.ts';

let cli: Awaited<ReturnType<typeof bundleCli>>;
let dir = '';
beforeAll(async () => {
  cli = await bundleCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-cli-rel-'));
});
afterAll(() => {
  cli?.remove();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** A data directory (not created yet) with a configuration of `n` test connectors and one CSV source. */
async function workspace(name: string, connectors: number): Promise<string> {
  const base = path.join(dir, name);
  fs.mkdirSync(base, { recursive: true });
  fs.writeFileSync(path.join(base, 'hr.csv'), 'employeeId,displayName\n1,Ann\n,Nobody\n3,Cy\n');
  const config = path.join(base, 'config.json');
  fs.writeFileSync(config, JSON.stringify({
    format: 'idsync-config', version: 1,
    connectors: [
      { name: 'hr', type: 'file', config: { format: 'csv', path: path.join(base, 'hr.csv'), anchor: 'employeeId', objectType: 'person', dnTemplate: 'employeeId={employeeId},o=hr' } },
      ...Array.from({ length: connectors }, (_, i) => ({ name: `t${i}`, type: 'test', config: { directory: `t${i}`, dataFile: path.join(base, `t${i}.json`) } })),
    ],
  }));
  const home = path.join(base, 'home');
  const imported = await runCli(cli.file, home, ['config', 'import', config]);
  expect(imported.code, imported.stderr).toBe(0);
  return home;
}

describe('the CLI and the engine lock', () => {
  it('refuses `idsync run` while the wizard is open in another process, naming the holder', async () => {
    const home = await workspace('locked', 0);
    const host = new ApiService({ home, host: 'web', schedule: false });
    try {
      await host.dispatch('wizard.open', {});
      const refused = await runCli(cli.file, home, ['run', 'hr', 'Full Import']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(new RegExp(`The engine is busy: Installation wizard \\(web process ${process.pid}\\) \\(wizard\\) since \\S+ \\(engine-busy\\)`));
      expect((await host.dispatch('runs.list', { limit: 10 })).total).toBe(0);
      await host.dispatch('wizard.cancel', {});
      const ran = await runCli(cli.file, home, ['run', 'hr', 'Full Import', '--json']);
      expect(JSON.parse(ran.stdout)).toMatchObject({ connector: 'hr', status: 'completed-discovery-errors' });
    } finally {
      await host.close();
    }
  });
});

describe('CLI output', () => {
  it('`idsync cycle` runs a dozen steps without a MaxListenersExceededWarning', async () => {
    const home = await workspace('cycle', 4);
    const r = await runCli(cli.file, home, ['cycle', '--initial', '--json']);
    const record = JSON.parse(r.stdout) as { steps: unknown[] };
    expect(record.steps.length).toBeGreaterThan(10);
    expect(r.stderr).not.toMatch(/MaxListenersExceededWarning|memory leak/);
  });

  it('`runs show RUN --problems` lists each problem with its file:line, once', async () => {
    const home = await workspace('problems', 0);
    const ran = JSON.parse((await runCli(cli.file, home, ['run', 'hr', 'Full Import', '--json'])).stdout) as { runId: string };
    const shown = await runCli(cli.file, home, ['runs', 'show', ran.runId, '--problems', '--json']);
    const run = JSON.parse(shown.stdout) as { problems: { step: number; code: string; dn: string; message: string }[] };
    expect(run.problems).toHaveLength(1);
    const [p] = run.problems;
    expect(p).toMatchObject({ step: 1, code: 'missing-anchor-component' });
    const location = `${path.join(path.dirname(home), 'hr.csv')}:3`;
    expect(p.message.startsWith(`${location}`)).toBe(true);
    expect(p.message.split(location)).toHaveLength(2);
    const text = await runCli(cli.file, home, ['runs', 'show', ran.runId, '--problems']);
    expect(text.stdout).toContain(`  problems:\n    step 1 missing-anchor-component: ${p.message}`);
  });
});

describe('the data directory', () => {
  it('is created readable by its owner only, and so are the database, its journal and the key', async () => {
    const home = await workspace('private', 1);
    await runCli(cli.file, home, ['run', 't0', 'Full Import']);
    const mode = (f: string) => (fs.statSync(path.join(home, f)).mode & 0o777).toString(8);
    expect(mode('.')).toBe('700');
    for (const f of ['idsync.sqlite', 'idsync.key']) expect(mode(f)).toBe('600');
    const journal = fs.readdirSync(home).filter((f) => f.startsWith('idsync.sqlite-'));
    for (const f of journal) expect(mode(f)).toBe('600');
  });

  it('tightens an existing data directory and database that others could read', async () => {
    const home = await workspace('loose', 0);
    fs.chmodSync(home, 0o755);
    fs.chmodSync(path.join(home, 'idsync.sqlite'), 0o644);
    const r = await runCli(cli.file, home, ['runs', 'list']);
    expect(r.stderr).toContain(`idsync: warning: ${home} was readable by others (mode 755); restricted to its owner (700)`);
    expect(fs.statSync(home).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(home, 'idsync.sqlite')).mode & 0o777).toBe(0o600);
  });
});
