// The report writers on a hand-made run: escaping, goal colours, and well-formed SVG, without running suites.
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './report-markdown.ts';
import { isThroughput, renderSvg } from './report-svg.ts';
import { parseOptions } from './options.ts';
import { benchRunSchema, type BenchRun } from './result.ts';
import { xmlProblem } from './well-formed-xml.ts';

const run: BenchRun = benchRunSchema.parse({
  harness: 'idsync-bench',
  version: 1,
  date: '2026-01-01T00:00:00.000Z',
  size: 'tiny',
  count: 200,
  machine: { cpuModel: 'Test <CPU> & co', cpuCount: 2, memoryBytes: 2 ** 33, os: 'TestOS', node: 'v20', gitCommit: 'abc', gitDirty: false },
  durationMs: 1234,
  suites: [
    {
      name: 'sync',
      description: 'full | delta',
      file: 'sync.ts',
      status: 'ok',
      durationMs: 1000,
      peakRssBytes: 100 * 2 ** 20,
      maxRssBytes: 100 * 2 ** 20,
      figures: [
        { name: 'full sync <users & groups>', value: 6000, unit: 'objects/s', floor: { name: 'store insert', value: 90000, unit: 'objects/s' }, ratio: 15, goal: '≥ 5,000 objects/s', goalMet: true },
        { name: 'delta sync', value: 1200, unit: 'objects/s', goal: '≥ 5,000 objects/s', goalMet: false },
        { name: 'ldif import', value: 900, unit: 'objects/s', floor: { name: 'read bytes', value: 7_000_000, unit: 'bytes/s' } },
        { name: 'search p95', value: 3.5, unit: 'ms' },
      ],
    },
    { name: 'ldap', description: 'LDAP', file: 'ldap.ts', status: 'skipped', reason: 'needs slapd on PATH', durationMs: 0, peakRssBytes: 0, maxRssBytes: 0, figures: [] },
  ],
});

describe('report writers', () => {
  it('draws only throughput figures, each coloured by its goal, in well-formed SVG', () => {
    const svg = renderSvg(run, 'subtitle with <angle> & ampersand');
    expect(xmlProblem(svg)).toBeUndefined();
    expect(svg).toContain('full sync &lt;users &amp; groups&gt;');
    expect(svg).toContain('fill="#2e7d32"'); // met
    expect(svg).toContain('fill="#c62828"'); // missed
    expect(svg).toContain('floor 90,000 · store insert');
    expect(svg).not.toContain('search p95');
    // Two bars per figure in the same unit as its floor, one otherwise: 4 figures drawn, 1 floor bar.
    expect(svg.match(/<rect x="310" y="\d+" width="[\d.]+" height="(18|9)"/g)).toHaveLength(4);
    expect(svg).toContain('floor 7,000,000 bytes/s · read bytes');
  });

  it('says so when there is nothing to draw', () => {
    const svg = renderSvg({ ...run, suites: [] }, '');
    expect(xmlProblem(svg)).toBeUndefined();
    expect(svg).toContain('No throughput figures');
  });

  it('writes one Markdown row per figure and per suite, escaping pipes', () => {
    const md = renderMarkdown(run, 'throughput.svg');
    expect(md).toContain('![Throughput against floor](throughput.svg)');
    expect(md).toContain('**Suites: 1 ran, 0 failed, 1 skipped. Goals: 1 of 2 met.**');
    expect(md).toContain('| sync | ok | 1.0 s | 100.0 MiB | full \\| delta |');
    expect(md).toContain('| ldap | skipped |  |  | needs slapd on PATH |');
    expect(md).toContain('| sync | full sync <users & groups> | 6,000 | objects/s | store insert: 90,000 objects/s | 15 | ≥ 5,000 objects/s | yes |');
    expect(md).toContain('| sync | delta sync | 1,200 | objects/s |  |  | ≥ 5,000 objects/s | no |');
  });

  it('recognises throughput units', () => {
    expect(isThroughput('objects/s')).toBe(true);
    expect(isThroughput('evaluations / s')).toBe(true);
    expect(isThroughput('ms')).toBe(false);
  });

  it('catches broken XML', () => {
    expect(xmlProblem('<svg><g></svg>')).toMatch(/closes <g>/);
    expect(xmlProblem('<svg>a & b</svg>')).toMatch(/unescaped &/);
    expect(xmlProblem('<svg x=1></svg>')).toMatch(/malformed tag/);
  });

  it('rejects an unknown size, naming the option', () => {
    expect(() => parseOptions(['--size', 'huge'])).toThrow(/--size huge/);
    const opts = parseOptions(['--only', 'a,b', '--only', 'c']);
    expect(opts !== 'help' && opts.only).toEqual(['a', 'b', 'c']);
  });
});
