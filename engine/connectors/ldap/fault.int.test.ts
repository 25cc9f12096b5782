import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';
import { mkdtemp, rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peopleLdif, type SlapdInstance, startSlapd } from '../../../e2e/env/slapd/index.ts';
import { ConnectivityError } from '../contract.ts';
import { connectorFor, testContext } from './test-fixtures.ts';

let slapd: SlapdInstance;
let seedDir: string;

beforeAll(async () => {
  seedDir = await mkdtemp(path.join(os.tmpdir(), 'idsync-seed-'));
  const seed = path.join(seedDir, 'seed.ldif');
  await writeFile(seed, peopleLdif(3000, 'dc=example,dc=com'));
  slapd = await startSlapd({ seedLdif: seed });
});
afterAll(async () => {
  await slapd?.dispose();
  await rm(seedDir, { recursive: true, force: true });
});

describe('server loss', () => {
  it('stops a full import with ConnectivityError when slapd goes away mid-import', async () => {
    const c = connectorFor(slapd, { pageSize: 100, batchSize: 100 });
    const it = c.importFull({}, testContext());
    const first = await it.next();
    expect(first.done).toBe(false);
    await slapd.stop();
    let error: unknown;
    let seen = 0;
    try {
      for (;;) {
        const r = await it.next();
        if (r.done) break;
        seen += r.value.changes.length;
      }
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConnectivityError);
    expect(seen).toBeLessThan(3000);
    expect((error as Error).message).not.toContain(slapd.password);

    await expect(
      c.export([{ csId: 'x', op: 'delete', objectType: 'inetOrgPerson', dn: `uid=user000001,ou=people,${slapd.suffix}`, anchor: 'a', changes: [] }], testContext()),
    ).rejects.toBeInstanceOf(ConnectivityError);

    // The same connector reconnects once the server is back.
    await slapd.restart();
    const partitions = await c.discoverPartitions(testContext());
    expect(partitions.map((p) => p.id)).toEqual([slapd.suffix]);
    await c.close();
  });
});
