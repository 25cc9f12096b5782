// Export of N users to the Entra emulator under a scaled-down Graph write quota: how much of the quota the
// connector uses (its write budget should keep it just below), and whether any user is lost or duplicated.
import { startEntraEmulator } from '../../env/entra-emulator/index.ts';
import { entraConnectorType } from '../../../engine/connectors/entra/index.ts';
import { entraConfigSchema } from '../../../engine/connectors/entra/config.ts';
import type { ExportChange } from '../../../engine/connectors/contract.ts';
import type { BenchContext, BenchFigure, BenchSuite } from '../suite.ts';

/** Graph's directory write quota per app and tenant: 3,000 writes per 150 s. */
const GRAPH_QUOTA = 3000;
/** Highest write rate asked of the in-process emulator: 3,000 per 15 s, Graph's window divided by 10. */
const MAX_RATE = 200;
const CHUNK = 1000;

/** The scaled quota for `n` writes: Graph's 3,000 per window (fewer for small runs), a window of 15 s or more,
 *  so the export spans about three windows and lasts no less than about 20 s. */
export function scaledQuota(n: number): { limit: number; windowSeconds: number } {
  const limit = Math.min(GRAPH_QUOTA, Math.max(100, Math.floor(n / 3)));
  const rate = Math.min(MAX_RATE, n / 20);
  return { limit, windowSeconds: limit / rate };
}

function userChange(i: number): ExportChange {
  const upn = `bench.user${i}@contoso.onmicrosoft.com`;
  return {
    csId: `cs-${i}`, op: 'add', objectType: 'user', dn: `CN={${i.toString(16)}}`, anchor: null,
    changes: [
      { attribute: 'userPrincipalName', op: 'replace', values: [upn] },
      { attribute: 'displayName', op: 'replace', values: [`Bench User ${i}`] },
      { attribute: 'onPremisesImmutableId', op: 'replace', values: [Buffer.from(`bench-${i}`).toString('base64')] },
      { attribute: 'department', op: 'replace', values: [`Dept ${i % 50}`] },
    ],
  };
}

/** The Entra export benchmark suite. */
export const entraSuite: BenchSuite = {
  name: 'entra',
  description: 'Export of N users through $batch to the Entra emulator under Graph\'s write quota scaled in time (≤ 3,000 writes per window)',
  needs: ['openssl'],
  largestSize: { size: '100k', why: 'it measures the share of Graph\'s write quota used, which does not depend on the count' },
  async run(ctx: BenchContext): Promise<readonly BenchFigure[]> {
    const n = ctx.count;
    const { limit, windowSeconds } = scaledQuota(n);
    const emu = await startEntraEmulator({ writeQuota: { limit, windowMs: windowSeconds * 1000 } });
    const config = entraConfigSchema.parse({
      tenantId: emu.tenantId, clientId: emu.clientId, auth: { kind: 'secret', clientSecret: emu.clientSecret },
      authorityHost: emu.authorityHost, graphBaseUrl: emu.graphBaseUrl, caPem: emu.caPem,
      writeBudget: { quotaWrites: limit, windowSeconds },
    });
    const connector = entraConnectorType.create(config);
    ctx.log(`quota ${limit} writes per ${windowSeconds.toFixed(1)} s (Graph: 3,000 per 150 s), budget share ${config.writeBudget.targetShare}`);
    const controller = new AbortController();
    const cctx = { signal: controller.signal, log: (_level: string, message: string) => ctx.log(message) };
    let failed = 0;
    const start = performance.now();
    let done = 0;
    try {
      // Export calls overlap by one, as an engine feeding batches would, so no call's tail leaves the quota idle.
      let previous: Promise<void> = Promise.resolve();
      for (let from = 0; from < n; from += CHUNK) {
        const changes = Array.from({ length: Math.min(CHUNK, n - from) }, (_, k) => userChange(from + k));
        const current = connector.export(changes, cctx).then((results) => {
          failed += results.filter((r) => !r.ok).length;
          done += results.length;
          ctx.progress('exporting', done, n);
        });
        await previous;
        previous = current;
      }
      await previous;
    } finally {
      await connector.close();
    }
    const seconds = (performance.now() - start) / 1000;
    const writes = emu.state.writeLog.filter((w) => w.status >= 200 && w.status < 300);
    const upns = new Map<string, number>();
    for (const u of emu.state.list('user')) {
      const upn = String(u.props.userPrincipalName);
      upns.set(upn, (upns.get(upn) ?? 0) + 1);
    }
    let lost = 0;
    let duplicated = 0;
    for (let i = 0; i < n; i++) {
      const count = upns.get(`bench.user${i}@contoso.onmicrosoft.com`) ?? 0;
      if (count === 0) lost++;
      if (count > 1) duplicated += count - 1;
    }
    // Every write beyond one create per user would be a repeated create (no user exists beforehand).
    duplicated = Math.max(duplicated, writes.length - n);
    const throttled = emu.state.throttledWrites;
    await emu.stop();
    const rate = writes.length / seconds;
    const quotaRate = limit / windowSeconds;
    // The quota is about writes over time: measured from the first to the last write (sign-in and the first
    // lookups come before any write and are not part of it).
    const span = writes.length > 1 ? (writes[writes.length - 1]!.at - writes[0]!.at) / 1000 : seconds;
    const writeRate = writes.length > 1 ? (writes.length - 1) / span : rate;
    const share = (writeRate / quotaRate) * 100;
    ctx.log(`${writes.length} writes in ${seconds.toFixed(1)} s (${span.toFixed(1)} s from first to last write) = ${writeRate.toFixed(1)}/s of ${quotaRate.toFixed(1)}/s allowed; ${throttled} throttled, ${failed} failed, ${lost} lost, ${duplicated} duplicated`);
    return [
      { name: 'Entra export: share of the write quota used (first to last write)', value: Math.round(share * 10) / 10, unit: '%', ratio: share / 100, goal: '≥ 95 %', goalMet: share >= 95 },
      { name: 'Entra export: users lost or duplicated', value: lost + duplicated + failed, unit: 'objects', goal: '0', goalMet: lost + duplicated + failed === 0 },
      { name: 'Entra export: writes answered 429', value: throttled, unit: 'responses' },
      { name: 'Entra export throughput', value: Math.round(rate), unit: 'objects/s', floor: { name: 'scaled quota', value: Math.round(quotaRate), unit: 'objects/s' } },
    ];
  },
};

export default entraSuite;
