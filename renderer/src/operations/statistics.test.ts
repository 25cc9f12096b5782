import { describe, expect, it } from 'vitest';
import { errorLines, isDrillable, statisticsOf } from './statistics.ts';

describe('statisticsOf', () => {
  it('shows import lines with their counts and keeps unknown counters, in words', () => {
    const [section] = statisticsOf({ type: 'full-import', counters: { 'stage-add': 5, 'stage-update': 2, 'stage-failure': 1, 'stage-mystery': 3 }, outbound: {} });
    expect(section.title).toBe('Import statistics');
    expect(section.lines.find((l) => l.label === 'Adds')).toEqual({ label: 'Adds', counters: ['stage-add'], count: 5, listable: true });
    expect(section.lines.find((l) => l.label === 'Stage mystery')?.count).toBe(3);
    expect(section.lines.some((l) => l.label.includes('-'))).toBe(false);
    expect(section.lines.some((l) => l.counters.includes('stage-failure'))).toBe(false);
  });
  it('groups the raw inbound counters of a projection into one line', () => {
    const [inbound] = statisticsOf({
      type: 'delta-sync',
      counters: { 'disconnector-projected-flow': 4, 'disconnector-projected-no-flow': 1 },
      outbound: {},
    });
    const line = inbound.lines.find((l) => l.label === 'Projections')!;
    expect(line.count).toBe(5);
    expect(line.counters).toContain('disconnector-projected-no-flow');
  });
  it('adds one outbound section per target connector, carrying the target for the drill-down', () => {
    const sections = statisticsOf({ type: 'full-sync', counters: {}, outbound: { 'Entra': { 'provisioned-add-flow': 7 }, 'AD': { 'connector-flow': 2 } } });
    expect(sections.map((s) => s.title)).toEqual(['Inbound synchronization', 'Outbound synchronization: AD', 'Outbound synchronization: Entra']);
    expect(sections[2].lines.find((l) => l.label === 'Provisioned')).toMatchObject({ count: 7, targetConnector: 'Entra' });
    const unchanged = statisticsOf({ type: 'full-sync', counters: {}, outbound: { AD: { 'connector-no-flow': 3 } } })[1].lines.find((l) => l.counters.includes('connector-no-flow'))!;
    expect(unchanged).toMatchObject({ label: 'Connectors without Export Flow Updates', count: 3 });
    // The engine counts unchanged objects without keeping them: there is nothing to list behind the number.
    expect(isDrillable(unchanged)).toBe(false);
  });
  it('uses export labels for an export step', () => {
    const [section] = statisticsOf({ type: 'export', counters: { 'export-delete': 9 }, outbound: {} });
    expect(section.lines.find((l) => l.label === 'Deletes')?.count).toBe(9);
  });
});

describe('errorLines and isDrillable', () => {
  it('lists error codes most frequent first and only non-zero', () => {
    expect(errorLines({ errors: { b: 1, a: 4, z: 0 } }).map((l) => l.label)).toEqual(['a', 'b']);
  });
  it('links only non-zero counts', () => {
    expect(isDrillable({ label: 'x', counters: ['x'], count: 0 })).toBe(false);
    expect(isDrillable({ label: 'x', counters: ['x'], count: 1 })).toBe(true);
  });
});
