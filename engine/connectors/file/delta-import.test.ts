import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WatermarkExpiredError } from '../contract.ts';
import { connectorFor, drain, scratch, testContext } from './test-harness.ts';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await scratch()));
afterEach(() => cleanup());

const config = (path: string) => ({ format: 'csv' as const, path, anchor: 'id', objectType: 'person', stateDir: join(dir, 'state'), attributes: { tags: { multiValued: true } } });

describe('delta import by comparison', () => {
  it('yields added and changed objects as full images and deletes for vanished anchors', async () => {
    const path = join(dir, 'f.csv');
    await writeFile(path, 'id,name,tags\n1,Ann,a;b\n2,Bo,\n3,Cy,\n');
    const c = connectorFor(config(path));
    const full = await drain(c.importFull({}, testContext()));
    expect(full.changes).toHaveLength(3);

    const unchanged = await drain(c.importDelta(full.watermark!, {}, testContext()));
    expect(unchanged.changes).toEqual([]);

    // Reordered multi-values are not a change; a new name, a new row and a missing row are.
    await writeFile(path, 'id,name,tags\n1,Ann,b;a\n2,Bob,\n4,Di,\n');
    const delta = await drain(c.importDelta(unchanged.watermark!, {}, testContext()));
    expect(delta.changes.map((ch) => (ch.kind === 'object' ? `object ${ch.object.anchor} ${ch.object.attributes.name}` : `${ch.kind} ${ch.anchor}`))).toEqual([
      'object 2 Bob',
      'object 4 Di',
      'delete 3',
    ]);
    const again = await drain(c.importDelta(delta.watermark!, {}, testContext()));
    expect(again.changes).toEqual([]);
  });

  it('throws WatermarkExpiredError when the snapshot is gone, and keeps only a few snapshots', async () => {
    const path = join(dir, 'f.csv');
    await writeFile(path, 'id,name\n1,Ann\n');
    const c = connectorFor(config(path));
    const first = await drain(c.importFull({}, testContext()));
    for (let i = 0; i < 4; i++) await drain(c.importFull({}, testContext()));
    expect((await readdir(join(dir, 'state'))).filter((n) => n.endsWith('.snapshot'))).toHaveLength(3);
    await expect(drain(c.importDelta(first.watermark!, {}, testContext()))).rejects.toBeInstanceOf(WatermarkExpiredError);
    await expect(drain(c.importDelta('../../etc/passwd', {}, testContext()))).rejects.toBeInstanceOf(WatermarkExpiredError);
    const latest = await drain(c.importFull({}, testContext()));
    const reconfigured = connectorFor({ ...config(path), anchor: 'name' });
    await expect(drain(reconfigured.importDelta(latest.watermark!, {}, testContext()))).rejects.toThrow(/configuration changed/);
    await rm(join(dir, 'state'), { recursive: true });
    await expect(drain(c.importDelta(first.watermark!, {}, testContext()))).rejects.toThrow(/full import/);
  });

  it('never infers deletes when a record could not be read, and retries the broken object later', async () => {
    const path = join(dir, 'f.csv');
    await writeFile(path, 'id,name\n1,Ann\n2,Bo\n');
    const c = connectorFor(config(path));
    const full = await drain(c.importFull({}, testContext()));
    await writeFile(path, 'id,name\n1,Ann\n2,"Bo\n');
    const ctx = testContext();
    const broken = await drain(c.importDelta(full.watermark!, {}, ctx));
    expect(broken.changes).toEqual([]);
    expect(broken.problems.map((p) => p.code)).toEqual(['parse-error']);
    expect(ctx.lines.join()).toContain('deletes are not inferred');
    await writeFile(path, 'id,name\n1,Ann\n');
    const fixed = await drain(c.importDelta(broken.watermark!, {}, testContext()));
    expect(fixed.changes).toEqual([{ kind: 'delete', anchor: '2' }]);
  });

  it('keeps the previous digest of an object whose record has a bad value', async () => {
    const path = join(dir, 'f.csv');
    const cfg = { ...config(path), attributes: { n: { type: 'integer' as const } } };
    await writeFile(path, 'id,n\n1,5\n2,6\n');
    const c = connectorFor(cfg);
    const full = await drain(c.importFull({}, testContext()));
    await writeFile(path, 'id,n\n1,five\n');
    const bad = await drain(c.importDelta(full.watermark!, {}, testContext()));
    expect(bad.problems.map((p) => [p.code, p.anchor, p.location])).toEqual([['invalid-numeric-value', '1', `${path}:2`]]);
    expect(bad.problems[0].message).toContain('(anchor 1)');
    // The broken object is not deleted; the vanished one is.
    expect(bad.changes).toEqual([{ kind: 'delete', anchor: '2' }]);
    await writeFile(path, 'id,n\n1,7\n');
    const fixed = await drain(c.importDelta(bad.watermark!, {}, testContext()));
    expect(fixed.changes.map((ch) => ch.kind === 'object' && ch.object.attributes.n)).toEqual([[7n]]);
  });

  it('fails with a clear message when the state directory cannot be written', async () => {
    const path = join(dir, 'f.csv');
    await writeFile(path, 'id\n1\n');
    const c = connectorFor({ ...config(path), stateDir: join(path, 'state') });
    await expect(drain(c.importFull({}, testContext()))).rejects.toThrow(/cannot write the delta-import state in .*f\.csv\/state/);
  });

  it('stops when cancelled and leaves no snapshot behind', async () => {
    const path = join(dir, 'big.csv');
    await writeFile(path, 'id,name\n' + Array.from({ length: 3000 }, (_, i) => `${i},n${i}`).join('\n') + '\n');
    const controller = new AbortController();
    const c = connectorFor({ ...config(path), batchSize: 100 });
    const it = c.importFull({}, { signal: controller.signal, log: () => undefined });
    const first = await it.next();
    expect(first.done).toBe(false);
    controller.abort();
    // The whole file is one read chunk here, so this proves the stop does not wait for the next chunk.
    await expect(it.next()).rejects.toThrow(/abort/i);
    expect(await readdir(join(dir, 'state')).catch(() => [])).toEqual([]);
  });
});

