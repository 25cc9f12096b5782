// Imports that hold no per-object state in memory: the snapshot on disk finds changes, duplicates and deletes across
// batch boundaries, and batches are cut by values as well as by objects.
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WatermarkExpiredError, type ImportChange } from '../contract.ts';
import { BATCH_VALUES } from './import-run.ts';
import { connectorFor, drain, scratch, testContext } from './test-harness.ts';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await scratch()));
afterEach(() => cleanup());

const csvConfig = (path: string) => ({ format: 'csv' as const, path, anchor: 'id', objectType: 'person', stateDir: join(dir, 'state'), batchSize: 100 });
const rows = (ids: readonly number[], name: (id: number) => string = (id) => `n${id}`) => `id,name\n${ids.map((id) => `${id},${name(id)}`).join('\n')}\n`;
const describeChange = (c: ImportChange) => (c.kind === 'object' ? `object ${c.object.anchor}` : `${c.kind} ${c.anchor}`);

describe('bounded file import', () => {
  it('a delta import over many batches yields exactly the changed, added and vanished anchors', async () => {
    const path = join(dir, 'f.csv');
    const ids = Array.from({ length: 2500 }, (_, i) => i);
    await writeFile(path, rows(ids));
    const c = connectorFor(csvConfig(path));
    const full = await drain(c.importFull({}, testContext()));
    expect(full.changes).toHaveLength(2500);
    expect(full.batches).toBe(25);

    // Vanished and changed anchors sit on both sides of batch boundaries (100 rows per batch).
    const vanished = new Set([0, 99, 100, 199, 200, 1234, 2499]);
    const changed = new Set([1, 98, 101, 300, 2498]);
    const kept = ids.filter((id) => !vanished.has(id));
    await writeFile(path, rows([...kept, 2500, 2501], (id) => (changed.has(id) ? `changed${id}` : `n${id}`)));
    const delta = await drain(c.importDelta(full.watermark!, {}, testContext()));
    expect(delta.problems).toEqual([]);
    const objects = delta.changes.filter((ch) => ch.kind === 'object').map(describeChange);
    const deletes = delta.changes.filter((ch) => ch.kind === 'delete').map(describeChange);
    expect(objects).toEqual(['object 1', 'object 98', 'object 101', 'object 300', 'object 2498', 'object 2500', 'object 2501']);
    expect(deletes.sort()).toEqual([...vanished].map((id) => `delete ${id}`).sort());

    const again = await drain(c.importDelta(delta.watermark!, {}, testContext()));
    expect(again.changes).toEqual([]);
  });

  it('finds a duplicate anchor in a later batch; the first record wins and the previous digest stays', async () => {
    const path = join(dir, 'f.csv');
    await writeFile(path, rows(Array.from({ length: 250 }, (_, i) => i)));
    const c = connectorFor(csvConfig(path));
    const full = await drain(c.importFull({}, testContext()));
    await writeFile(path, `${rows(Array.from({ length: 250 }, (_, i) => i)).trimEnd()}\n5,other\n`);
    const delta = await drain(c.importDelta(full.watermark!, {}, testContext()));
    expect(delta.changes).toEqual([]);
    expect(delta.problems.map((p) => [p.code, p.anchor, p.location])).toEqual([['duplicate-object', '5', `${path}:252`]]);
  });

  it('cuts a batch when its values reach the budget, so large groups do not travel together', async () => {
    const path = join(dir, 'groups.json');
    const members = Math.ceil(BATCH_VALUES * 0.6);
    const group = (g: number) => JSON.stringify({ id: `g${g}`, objectType: 'group', member: Array.from({ length: members }, (_, i) => `uid=u${i},dc=x`) });
    const users = Array.from({ length: 10 }, (_, i) => JSON.stringify({ id: `u${i}`, objectType: 'person', name: `n${i}` }));
    await writeFile(path, `[\n${[...users, group(1), group(2), group(3)].join(',\n')}\n]\n`);
    const c = connectorFor({ format: 'json', path, anchor: 'id', objectTypeAttribute: 'objectType', stateDir: join(dir, 'state'), batchSize: 1000, attributes: { member: { type: 'reference', multiValued: true } } });
    const it = c.importFull({}, testContext());
    const batches: string[][] = [];
    for (let r = await it.next(); !r.done; r = await it.next()) batches.push(r.value.changes.map(describeChange));
    // A group that would take a batch past the budget starts the next one.
    expect(batches).toEqual([[...users.map((_, i) => `object u${i}`), 'object g1'], ['object g2'], ['object g3']]);
  });

  it('treats a snapshot it cannot read as an expired watermark', async () => {
    const path = join(dir, 'f.csv');
    await writeFile(path, rows([1, 2]));
    const c = connectorFor(csvConfig(path));
    await drain(c.importFull({}, testContext()));
    await writeFile(join(dir, 'state', 'abc-0123abcd.snapshot'), 'digest\t"1"\n');
    await expect(drain(c.importDelta('abc-0123abcd', {}, testContext()))).rejects.toBeInstanceOf(WatermarkExpiredError);
  });

  it('leaves no unfinished snapshot when the caller stops reading early', async () => {
    const path = join(dir, 'f.csv');
    await writeFile(path, rows(Array.from({ length: 500 }, (_, i) => i)));
    const c = connectorFor(csvConfig(path));
    const it = c.importFull({}, testContext());
    expect((await it.next()).done).toBe(false);
    await it.return(null);
    expect(await readdir(join(dir, 'state'))).toEqual([]);
  });
});
