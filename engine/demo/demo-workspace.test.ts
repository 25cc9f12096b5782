// The demo workspace builds a working configuration with runs, in an empty data directory only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiService } from '../service/service.ts';
import type { DemoSummary } from '../../shared/api/workspace.ts';

let home: string;
let service: ApiService;
let summary: DemoSummary;

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-demo-'));
  service = new ApiService({ home, host: 'cli' });
  summary = await service.dispatch('workspace.createDemo', { users: 60 });
}, 120_000);

afterAll(async () => {
  await service.close();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('demo workspace', () => {
  it('runs every profile of the walk-through without a failure', () => {
    expect(summary.runs.length).toBeGreaterThanOrEqual(9);
    for (const run of summary.runs) expect(run.status, `${run.connector} / ${run.profile}`).toMatch(/^(success|completed-no-objects)$/);
  });

  it('projects every HR user and group into the metaverse', async () => {
    const persons = await service.dispatch('mv.search', { objectType: 'person', limit: 500 });
    const groups = await service.dispatch('mv.search', { objectType: 'group', limit: 500 });
    // 60 users, then 5 joiners and 1 leaver (user 150 only exists from 200 users up) in the delta.
    expect(persons.items.length).toBe(65);
    expect(groups.items.length).toBe(summary.groups);
  });

  it('provisions employees, not contractors, into the directory file', async () => {
    const written = JSON.parse(fs.readFileSync(path.join(summary.directory, 'directory.json'), 'utf8')) as { employeeNumber: string }[];
    const employees = await service.dispatch('mv.search', {
      objectType: 'person',
      clauses: [{ attribute: 'employeeType', operator: 'equals', value: 'Employee' }],
      limit: 500,
    });
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThanOrEqual(employees.items.length);
  });

  it('a delta cycle after the demo settles, and the next one exports nothing and leaves every file as it was', async () => {
    const cycle = async () => {
      const before = (await service.dispatch('cycle.list', {})).length;
      await service.dispatch('cycle.start', { policy: 'Delta' });
      for (const deadline = Date.now() + 60_000; ;) {
        const list = await service.dispatch('cycle.list', {});
        if (list.length > before && list[0]!.endedAt !== null) return list[0]!;
        if (Date.now() > deadline) throw new Error('the delta cycle did not end within a minute');
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const files = () => Object.fromEntries(fs.readdirSync(summary.directory, { recursive: true, withFileTypes: true })
      // Every import leaves a new watermark snapshot in the connector's own state folder (as a directory's cookie);
      // everything else, the sources and the targets, must stay byte for byte as it was.
      .filter((d) => d.isFile() && !path.join(d.parentPath, d.name).includes(`${path.sep}.idsync-state${path.sep}`))
      .map((d) => { const f = path.join(d.parentPath, d.name); const st = fs.statSync(f); return [f, `${st.size} ${st.mtimeMs} ${fs.readFileSync(f, 'utf8')}`]; }));
    expect((await cycle()).result).toBe('completed');
    const settled = files();
    const quiet = await cycle();
    expect(quiet.result).toBe('completed');
    const exports = quiet.steps.filter((s) => /export/i.test(s.step));
    expect(exports.length).toBeGreaterThan(0);
    for (const s of exports) expect(s.status, `${s.connectorName} ${s.step}`).toBe('completed-no-objects');
    expect(files()).toEqual(settled);
  }, 150_000);

  it('refuses to overwrite a configured data directory', async () => {
    await expect(service.dispatch('workspace.createDemo', { users: 10 })).rejects.toThrow(/already has 3 connectors/);
  });
});
