// Imports of many batches from a file: a full import obsoletes exactly the objects the file no longer holds, and a
// delta import finds exactly the changes, whichever import batch or store page an object falls in.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SyncEngine } from './engine.ts';

const ROWS = 1100;
let dir: string;
let engine: SyncEngine;
let source: string;

/** The HR file with rows `ids`; `title` names the title of each. */
function writeRows(ids: readonly number[], title: (id: number) => string = () => 'Engineer'): void {
  fs.writeFileSync(source, `id,name,title\n${ids.map((id) => `${id},Person ${id},${title(id)}`).join('\n')}\n`);
}

const run = (profile: string) => engine.run('hr', profile, { startedBy: 'test', stopStatus: 'stopped-user-termination-from-cli' });

/** Anchors of the objects staged for deletion. */
function pendingDeletes(): string[] {
  const out: string[] = [];
  for (let after = 0; ; ) {
    const page = engine.store.cs.page(1, 'needs-sync', after, 200);
    if (!page.length) return out.sort((a, b) => Number(a) - Number(b));
    for (const cs of page) if (cs.pendingImport?.op === 'delete') out.push(cs.anchor!);
    after = page[page.length - 1].id;
  }
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-batches-'));
  source = path.join(dir, 'hr.csv');
  engine = SyncEngine.open(path.join(dir, 'idsync.sqlite'));
  // Batches of 100 objects; the engine obsoletes unseen objects in pages of 500.
  engine.createConnector({ name: 'hr', type: 'file', config: { format: 'csv', path: source, anchor: 'id', objectType: 'person', batchSize: 100, stateDir: path.join(dir, 'state') } });
});

afterEach(() => {
  engine.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('imports over many batches', () => {
  it('a full import stages deletes for exactly the rows that left the file, on both sides of every boundary', async () => {
    const ids = Array.from({ length: ROWS }, (_, i) => i);
    writeRows(ids);
    expect((await run('Full Import')).status).toBe('success');
    expect(engine.store.cs.count(1, 'all')).toBe(ROWS);
    await run('Full Synchronization');

    const gone = [0, 99, 100, 499, 500, 501, 999, 1000, 1099];
    writeRows(ids.filter((id) => !gone.includes(id)));
    const full = await run('Full Import');
    expect(full.status).toBe('success');
    expect(full.steps[0].counters.counters['stage-delete']).toBe(gone.length);
    expect(pendingDeletes()).toEqual(gone.map(String));

    // The same file again: nothing more to delete, nothing changed.
    const again = await run('Full Import');
    expect(again.steps[0].counters.counters['stage-delete']).toBeUndefined();
    expect(pendingDeletes()).toEqual(gone.map(String));
  });

  it('a delta import stages exactly the changed, added and vanished rows', async () => {
    const ids = Array.from({ length: ROWS }, (_, i) => i);
    writeRows(ids);
    await run('Full Import');
    await run('Full Synchronization');

    const gone = [99, 100, 500, 1099];
    const changed = [0, 101, 499, 501, 1098];
    writeRows([...ids.filter((id) => !gone.includes(id)), 2000, 2001], (id) => (changed.includes(id) ? 'Manager' : 'Engineer'));
    const delta = await run('Delta Import');
    expect(delta.status).toBe('success');
    expect(delta.steps[0].counters.counters).toMatchObject({ 'stage-delete': gone.length, 'stage-update': changed.length, 'stage-add': 2 });
    expect(pendingDeletes()).toEqual(gone.map(String));

    const quiet = await run('Delta Import');
    expect(quiet.steps[0].counters.counters).toEqual({});
  });

  it('a stopped import leaves neither a new watermark nor an unfinished snapshot behind', async () => {
    writeRows(Array.from({ length: ROWS }, (_, i) => i));
    const first = await run('Full Import');
    expect(first.status).toBe('success');
    const watermark = engine.store.connectors.watermark(1);
    const stopped = await engine.run('hr', 'Full Import', {
      startedBy: 'test', stopStatus: 'stopped-user-termination-from-cli',
      onProgress: () => engine.stop({ connector: 'hr' }),
    });
    expect(stopped.status).toBe('stopped-user-termination-from-cli');
    expect(engine.store.connectors.watermark(1)).toBe(watermark);
    const files = fs.readdirSync(path.join(dir, 'state'));
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(files).toEqual([`${watermark}.snapshot`]);
  });
});
