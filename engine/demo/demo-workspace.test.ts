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

  it('refuses to overwrite a configured data directory', async () => {
    await expect(service.dispatch('workspace.createDemo', { users: 10 })).rejects.toThrow(/already has 3 connectors/);
  });
});
