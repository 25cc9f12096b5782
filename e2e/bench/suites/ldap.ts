// LDAP connector throughput against its physical floor on the same slapd and the same entries:
// full import vs `ldapsearch -E pr=1000/noprompt`, and export of adds vs `ldapadd` of the same LDIF.
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { LdapConnector } from '../../../engine/connectors/ldap/connector.ts';
import { ldapConfigSchema } from '../../../engine/connectors/ldap/config.ts';
import type { ConnectorContext, ExportChange } from '../../../engine/connectors/contract.ts';
import { ldapAddFile, peopleLdif, person, type SlapdInstance, startSlapd } from '../../env/slapd/index.ts';
import type { BenchContext, BenchFigure, BenchSuite } from '../suite.ts';

const GOAL = 1.5;
const EXPORT_BATCH = 500;

function connectorFor(s: SlapdInstance, overrides: Record<string, unknown> = {}): LdapConnector {
  return new LdapConnector(
    ldapConfigSchema.parse({
      url: s.url,
      security: 'none',
      bindDn: s.bindDn,
      password: s.password,
      flavour: 'openldap',
      objectTypes: [{ name: 'inetOrgPerson', objectClasses: ['inetOrgPerson'] }],
      includeContainers: [`ou=people,${s.suffix}`],
      pageSize: 1000,
      batchSize: 1000,
      ...overrides,
    }),
  );
}

function context(): ConnectorContext {
  return { signal: new AbortController().signal, log: () => undefined };
}

/** Runs a program, discarding its output; rejects with its stderr on failure. */
function runQuiet(program: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${program} exited ${code}: ${stderr.slice(0, 300)}`))));
  });
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

function figure(name: string, count: number, ms: number, floorName: string, floorMs: number): BenchFigure {
  const ratio = ms / floorMs;
  return {
    name,
    value: (count * 1000) / ms,
    unit: 'objects/s',
    floor: { name: floorName, value: (count * 1000) / floorMs, unit: 'objects/s' },
    ratio,
    goal: `≤ ${GOAL} × floor time`,
    goalMet: ratio <= GOAL,
  };
}

async function measureImport(ctx: BenchContext, seed: string): Promise<BenchFigure> {
  const slapd = await startSlapd({ seedLdif: seed });
  try {
    const base = `ou=people,${slapd.suffix}`;
    const ldapsearch = () =>
      runQuiet('/usr/bin/ldapsearch', ['-x', '-LLL', '-H', slapd.url, '-D', slapd.bindDn, '-w', slapd.password, '-b', base, '-E', 'pr=1000/noprompt', '(objectClass=inetOrgPerson)', '*', 'entryUUID']);
    const connectorImport = async () => {
      const c = connectorFor(slapd);
      let n = 0;
      for await (const batch of c.importFull({}, context())) {
        n += batch.changes.length;
        ctx.progress('full import', n, ctx.count);
      }
      await c.close();
      if (n !== ctx.count) throw new Error(`full import returned ${n} objects, expected ${ctx.count}`);
    };
    // One untimed run of each warms the server's caches and the JIT; then the best of a few runs counts.
    await ldapsearch();
    await connectorImport();
    let floorMs = Infinity;
    let ms = Infinity;
    for (let rep = 0; rep < (ctx.count <= 10_000 ? 5 : ctx.count <= 100_000 ? 2 : 1); rep++) {
      floorMs = Math.min(floorMs, await timed(ldapsearch));
      ms = Math.min(ms, await timed(connectorImport));
    }
    ctx.log(`full import ${ms.toFixed(0)} ms, ldapsearch ${floorMs.toFixed(0)} ms`);
    return figure('LDAP full import (slapd, inetOrgPerson)', ctx.count, ms, 'ldapsearch -E pr=1000/noprompt', floorMs);
  } finally {
    await slapd.dispose();
  }
}

/** Time of ldapadd loading the LDIF into a fresh server. */
async function ldapaddOnce(seed: string): Promise<number> {
  const server = await startSlapd({ nosync: true });
  try {
    return await timed(() => ldapAddFile(server, seed));
  } finally {
    await server.dispose();
  }
}

/** Time of the connector exporting the same entries as adds into a fresh server. */
async function exportOnce(ctx: BenchContext): Promise<number> {
  const slapd = await startSlapd({ nosync: true });
  try {
    const c = connectorFor(slapd, { exportConcurrency: 8 });
    const ms = await timed(async () => {
      for (let start = 0; start < ctx.count; start += EXPORT_BATCH) {
        const batch: ExportChange[] = [];
        for (let i = start; i < Math.min(ctx.count, start + EXPORT_BATCH); i++) {
          const p = person(i, slapd.suffix);
          batch.push({
            csId: String(i),
            op: 'add',
            objectType: 'inetOrgPerson',
            dn: p.dn,
            anchor: null,
            changes: Object.entries(p.attributes).map(([attribute, values]) => ({ attribute, op: 'replace' as const, values })),
          });
        }
        const results = await c.export(batch, context());
        const failed = results.find((r) => !r.ok);
        if (failed) throw new Error(`export of ${failed.csId} failed: ${failed.error?.message}`);
        ctx.progress('export adds', start + batch.length, ctx.count);
      }
    });
    await c.close();
    return ms;
  } finally {
    await slapd.dispose();
  }
}

async function measureExport(ctx: BenchContext, seed: string): Promise<BenchFigure> {
  // Writes are the noisiest figure on a shared machine: the best of two runs each, alternating.
  let floorMs = Infinity;
  let ms = Infinity;
  for (let rep = 0; rep < (ctx.count <= 10_000 ? 2 : 1); rep++) {
    floorMs = Math.min(floorMs, await ldapaddOnce(seed));
    ms = Math.min(ms, await exportOnce(ctx));
  }
  ctx.log(`export ${ms.toFixed(0)} ms, ldapadd ${floorMs.toFixed(0)} ms`);
  return figure('LDAP export adds (slapd, dbnosync)', ctx.count, ms, 'ldapadd -f (same LDIF, dbnosync)', floorMs);
}

const suite: BenchSuite = {
  name: 'ldap',
  description: 'LDAP connector full import and export against slapd, compared with ldapsearch/ldapadd on the same entries',
  needs: ['slapd', 'slapadd', 'ldapsearch', 'ldapadd', 'openssl'],
  largestSize: { size: '100k', why: 'it compares the connector with ldapsearch and ldapadd, a ratio the count does not change' },
  async run(ctx) {
    const seed = path.join(ctx.tmpDir, 'people.ldif');
    await writeFile(seed, peopleLdif(ctx.count, 'dc=example,dc=com'));
    return [await measureImport(ctx, seed), await measureExport(ctx, seed)];
  },
};

export default suite;
