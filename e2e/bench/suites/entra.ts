// Export of N users to the Entra emulator under a scaled-down Graph write quota: how much of the quota the
// connector uses (its write budget should keep it just below), and whether any user is lost or duplicated.
import { startEntraEmulator } from '../../env/entra-emulator/index.ts';
import { entraConnectorType } from '../../../engine/connectors/entra/index.ts';
import { entraConfigSchema } from '../../../engine/connectors/entra/config.ts';
import type { ExportChange } from '../../../engine/connectors/contract.ts';
import type { BenchContext, BenchFigure, BenchSuite } from '../suite.ts';

/** Graph's directory write quota per app and tenant: 3,000 writes per 150 s. */
const QUOTA = 3000;
/** The run is compressed in time: the window is chosen so the export lasts about this long, but ≥ 6 s. */
const TARGET_SECONDS = 20;
const CHUNK = 2000;

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
  description: 'Export of N users through $batch to the Entra emulator under a time-scaled 3,000-writes-per-window quota',
  needs: ['openssl'],
  async run(ctx: BenchContext): Promise<readonly BenchFigure[]> {
    const n = ctx.count;
    const windowSeconds = Math.max(6, (QUOTA * TARGET_SECONDS) / n);
    const emu = await startEntraEmulator({ writeQuota: { limit: QUOTA, windowMs: windowSeconds * 1000 } });
    const config = entraConfigSchema.parse({
      tenantId: emu.tenantId, clientId: emu.clientId, auth: { kind: 'secret', clientSecret: emu.clientSecret },
      authorityHost: emu.authorityHost, graphBaseUrl: emu.graphBaseUrl, caPem: emu.caPem,
      writeBudget: { quotaWrites: QUOTA, windowSeconds },
    });
    const connector = entraConnectorType.create(config);
    ctx.log(`quota ${QUOTA} writes per ${windowSeconds.toFixed(1)} s (Graph: per 150 s), budget share ${config.writeBudget.targetShare}`);
    const controller = new AbortController();
    const cctx = { signal: controller.signal, log: (_level: string, message: string) => ctx.log(message) };
    let failed = 0;
    const start = performance.now();
    try {
      for (let from = 0; from < n; from += CHUNK) {
        const changes = Array.from({ length: Math.min(CHUNK, n - from) }, (_, k) => userChange(from + k));
        const results = await connector.export(changes, cctx);
        failed += results.filter((r) => !r.ok).length;
        ctx.progress('exporting', Math.min(from + CHUNK, n), n);
      }
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
    duplicated += Math.max(0, writes.length - n - duplicated);
    const throttled = emu.state.throttledWrites;
    await emu.stop();
    const rate = writes.length / seconds;
    const quotaRate = QUOTA / windowSeconds;
    const share = (rate / quotaRate) * 100;
    ctx.log(`${writes.length} writes in ${seconds.toFixed(1)} s = ${rate.toFixed(0)}/s of ${quotaRate.toFixed(0)}/s allowed; ${throttled} throttled, ${failed} failed, ${lost} lost, ${duplicated} duplicated`);
    return [
      { name: 'Entra export: share of the write quota used', value: Math.round(share * 10) / 10, unit: '%', ratio: share / 100, goal: '≥ 95 %', goalMet: share >= 95 },
      { name: 'Entra export: users lost or duplicated', value: lost + duplicated + failed, unit: 'objects', goal: '0', goalMet: lost + duplicated + failed === 0 },
      { name: 'Entra export: writes answered 429', value: throttled, unit: 'responses' },
      { name: 'Entra export throughput', value: Math.round(rate), unit: 'objects/s', floor: { name: 'scaled quota', value: Math.round(quotaRate), unit: 'objects/s' } },
    ];
  },
};

export default entraSuite;
