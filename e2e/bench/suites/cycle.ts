// The full cycle through files: generated users and groups streamed from a JSON file, projected, provisioned with
// their references to an LDIF file, then a 1 % delta cycle (see cycle-workload.ts). Reports, per step, objects/s,
// time per object and the peak resident set size, and the store's bytes per source object, so cost per object and
// memory can be read against the data size.
import type { BenchFigure, BenchSuite } from '../suite.ts';
import { runCycle } from '../cycle-workload.ts';

export const cycleSuite: BenchSuite = {
  name: 'cycle',
  description: 'Full import, full synchronization and export of generated users and groups (JSON file to LDIF file), then a 1 % delta cycle: per-step time per object and peak RSS',
  async run(ctx) {
    const r = await runCycle({ users: ctx.count, dir: ctx.tmpDir, progress: ctx.progress, log: ctx.log });
    const objects = r.users + r.groups;
    const figures: BenchFigure[] = [];
    for (const s of r.steps) {
      figures.push(
        { name: `${s.step}: objects/s`, value: s.ms > 0 ? Math.round((s.objects * 1000) / s.ms) : 0, unit: 'objects/s' },
        { name: `${s.step}: time per object`, value: Number(((s.ms * 1000) / s.objects).toFixed(1)), unit: 'µs' },
        { name: `${s.step}: CPU time per object`, value: Number(((s.cpuMs * 1000) / s.objects).toFixed(1)), unit: 'µs' },
        { name: `${s.step}: peak RSS`, value: s.peakRssBytes, unit: 'bytes' },
      );
    }
    const perSource = (bytes: number) => Math.round(bytes / objects);
    figures.push(
      { name: 'database size per source object after the initial cycle (CS copies, MV object, run history)', value: perSource(r.bytesAfterInitial), unit: 'bytes', goal: '≤ 2,048 bytes', goalMet: perSource(r.bytesAfterInitial) <= 2048 },
      { name: 'database size per source object after the delta cycle', value: perSource(r.bytesAfterDelta), unit: 'bytes' },
      { name: 'database size per source object without run history', value: perSource(r.bytesWithoutHistory), unit: 'bytes' },
    );
    return figures;
  },
};

export default cycleSuite;
