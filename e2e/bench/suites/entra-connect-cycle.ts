// The initial cycle end to end with the default configuration: N AD-like users in slapd to the Entra ID emulator
// through the out-of-box rules, in the scheduler's order (full imports, full syncs, exports, including the
// ms-DS-ConsistencyGuid write-back). The emulator's write quota and the connector's write budget are raised so
// that the figure is the engine's own speed, not Graph throttling.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startEntraEmulator } from '../../env/entra-emulator/index.ts';
import { AD_LIKE_SCHEMA, startSlapd } from '../../env/slapd/index.ts';
import { SyncEngine } from '../../../engine/sync/engine.ts';
import { createEngineScheduler } from '../../../engine/scheduler/engine-scheduler.ts';
import { applyDefaultConfiguration } from '../../../engine/rules/defaults/apply-defaults.ts';
import { defaultAdAttributes } from '../../../engine/rules/defaults/ad-attributes.ts';
import type { BenchContext, BenchFigure, BenchSuite } from '../suite.ts';

const DOMAIN = 'example.test';
const FOREST = 'example.test';
const TENANT = 'tenant - AAD';
/** Far above any write count of a run: throttling is measured by the `entra` suite, not here. */
const NO_QUOTA = 100_000_000;

// AD keeps ms-DS-ConsistencyGuid on every user; the AD-like schema lacks it, and the default configuration
// writes it back, so the bench schema adds it to the user class.
const CONSISTENCY_GUID_ATTRIBUTE =
  "attributetype ( 1.3.6.1.4.1.4203.666.11.98.1.1 NAME 'mS-DS-ConsistencyGuid' EQUALITY octetStringMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.40 SINGLE-VALUE )";
const BENCH_SCHEMA = `${CONSISTENCY_GUID_ATTRIBUTE}\n${AD_LIKE_SCHEMA.replace('$ userPrincipalName )', '$ userPrincipalName $ mS-DS-ConsistencyGuid )')}`;

/** A stable objectGUID for user `i` (slapd does not generate one). Hashed, not counted: Entra compares
 *  onPremisesImmutableId (the GUID in base64) without regard to case, so near-equal GUIDs would collide. */
function objectGuid(i: number): Buffer {
  return createHash('md5').update(`bench-user-${i}`).digest();
}

/** A domain SID S-1-5-21-1-2-3-RID with the RID 1000 + i, in AD's binary form. */
function objectSid(i: number): Buffer {
  const b = Buffer.alloc(28);
  b.writeUInt8(1, 0);
  b.writeUInt8(5, 1);
  b.writeUInt8(5, 7);
  [21, 1, 2, 3, 1000 + i].forEach((sub, k) => b.writeUInt32LE(sub, 8 + 4 * k));
  return b;
}

/** LDIF for N enabled AD-like users under ou=people, for an offline slapadd. */
function adLikeUsersLdif(n: number, suffix: string): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = `user${i}`;
    parts.push(
      `dn: cn=${name},ou=people,${suffix}\nobjectClass: top\nobjectClass: person\nobjectClass: organizationalPerson\nobjectClass: inetOrgPerson\nobjectClass: user\n` +
        `cn: ${name}\nsn: Tester${i % 97}\ngivenName: Given${i}\ndisplayName: Given${i} Tester${i % 97}\n` +
        `sAMAccountName: ${name}\nuserPrincipalName: ${name}@${DOMAIN}\nuserAccountControl: 512\n` +
        `objectGUID:: ${objectGuid(i).toString('base64')}\nobjectSid:: ${objectSid(i).toString('base64')}\n`,
    );
  }
  return parts.join('\n');
}

/** A few export errors of the connector's latest run, to say why a cycle fell short. */
function exportErrors(engine: SyncEngine, connectorName: string): string {
  const run = engine.store.runs.latest(engine.connector(connectorName).seq);
  if (!run) return 'no run recorded';
  const out: string[] = [];
  for (const step of engine.store.runs.steps(run.id)) {
    for (const [counter, count] of Object.entries(step.counters.errors)) {
      const sample = engine.store.runs.objects(run.id, step.step, counter, null, null, 3).items;
      out.push(`${counter} ×${count}: ${sample.map((o) => `${o.dn}: ${o.error?.code} ${o.error?.message}`).join(' | ')}`);
    }
  }
  return out.join('; ') || 'none recorded';
}

/** What the runs of the steps that fell short said (an import's warning names its cause). */
function stepMessages(engine: SyncEngine, failed: readonly { connectorName: string; step: string }[]): string {
  const out: string[] = [];
  for (const f of failed) {
    const runs = engine.store.runs.list({ connector: engine.connector(f.connectorName).seq }, null, 20).items;
    for (const r of runs) for (const st of engine.store.runs.steps(r.id)) if (st.type === f.step && st.message) out.push(`${f.step} ${f.connectorName}: ${st.message}`);
  }
  return out.join('; ') || 'no message recorded';
}

async function run(ctx: BenchContext): Promise<readonly BenchFigure[]> {
  const n = ctx.count;
  const seed = path.join(ctx.tmpDir, 'ad-like-users.ldif');
  await writeFile(seed, adLikeUsersLdif(n, 'dc=example,dc=com'));
  const slapd = await startSlapd({ schemas: [BENCH_SCHEMA], seedLdif: seed, accesslog: false });
  const emu = await startEntraEmulator({ writeQuota: { limit: NO_QUOTA, windowMs: 150_000 } });
  const home = path.join(ctx.tmpDir, 'home');
  let engine: SyncEngine | undefined;
  let sched: ReturnType<typeof createEngineScheduler> | undefined;
  try {
    emu.state.addDomain(DOMAIN);
    await mkdir(home, { recursive: true });
    engine = SyncEngine.open(path.join(home, 'idsync.sqlite'));
    applyDefaultConfiguration(engine, {
      forests: [{
        name: FOREST, type: 'ldap',
        config: {
          url: slapd.url, security: 'none', bindDn: slapd.bindDn, password: slapd.password, flavour: 'ad',
          includeContainers: [`ou=people,${slapd.suffix}`],
          // AD's user filter uses objectCategory, which slapd lacks; the AD-like class alone names users here.
          objectTypes: [{ name: 'user', objectClasses: ['user'] }],
          attributes: defaultAdAttributes(), pageSize: 1000, batchSize: 1000,
        },
      }],
      entra: {
        name: TENANT, type: 'entra',
        config: {
          tenantId: emu.tenantId, clientId: emu.clientId, auth: { kind: 'secret', clientSecret: emu.clientSecret },
          authorityHost: emu.authorityHost, graphBaseUrl: emu.graphBaseUrl, caPem: emu.caPem,
          writeBudget: { quotaWrites: NO_QUOTA, windowSeconds: 150 },
        },
      },
    });
    sched = createEngineScheduler({ home, engine, holder: 'cli' });
    ctx.progress('initial cycle', 0, 1);
    const start = performance.now();
    const cycle = await sched.scheduler.runCycle('Initial');
    const ms = performance.now() - start;
    ctx.progress('initial cycle', 1, 1);
    ctx.log(`cycle ${cycle.result}: ${cycle.steps.map((s) => `${s.step} ${s.connectorName} → ${s.status}`).join('; ')}`);
    const failed = cycle.steps.filter((s) => !/^(success|completed-no-objects)$/.test(s.status));
    if (failed.length > 0) ctx.log(`export errors of ${TENANT}: ${exportErrors(engine, TENANT)}`);
    if (failed.length > 0) ctx.log(`why: ${stepMessages(engine, failed)}`);
    if (failed.length > 0) throw new Error(`cycle steps did not succeed: ${failed.map((s) => `${s.step} ${s.connectorName}: ${s.status}`).join('; ')}`);
    const inEntra = emu.state.list('user').filter((u) => !u.deleted && String(u.props.userPrincipalName).endsWith(`@${DOMAIN}`)).length;
    if (inEntra !== n) throw new Error(`the emulator holds ${inEntra} users after the cycle, expected ${n}`);
    ctx.log(`initial cycle of ${n} users: ${(ms / 1000).toFixed(1)} s, ${inEntra} users in the emulator`);
    return [
      { name: 'Initial cycle time (slapd AD-like → Entra emulator, default rules)', value: ms / 1000, unit: 's' },
      { name: 'Initial cycle throughput', value: (n * 1000) / ms, unit: 'users/s' },
      { name: 'Users in the emulator after the cycle', value: inEntra, unit: 'users', goal: `= ${n}`, goalMet: inEntra === n },
    ];
  } finally {
    await sched?.close();
    engine?.close();
    await emu.stop();
    await slapd.dispose();
  }
}

/** The end-to-end initial cycle benchmark suite. */
const suite: BenchSuite = {
  name: 'entra-connect-cycle',
  description: 'Initial cycle (full import, full sync, export) of N AD-like users from slapd to the Entra emulator through the default configuration',
  needs: ['slapd', 'slapadd', 'openssl'],
  largestSize: { size: '100k', why: 'the emulator holds every user in memory; the cycle suite measures the store at a million' },
  run,
};

export default suite;
