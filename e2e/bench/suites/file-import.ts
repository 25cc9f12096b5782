// File connector throughput: full and unchanged-delta import of generated CSV and LDIF files, against the floor of
// a bare csv-parse pass over the same CSV (and, for LDIF, a bare split of the file into lines and records).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import type { Connector, ConnectorContext, ImportIterator } from '../../../engine/connectors/contract.ts';
import { fileConnectorType } from '../../../engine/connectors/file/index.ts';
import { hrCsvConfig, writeCsv } from '../../env/generate/hr-files.ts';
import { IdentitySet } from '../../env/generate/identities.ts';
import { writeLdif } from '../../env/generate/ldif-out.ts';
import type { BenchContext, BenchFigure, BenchSuite } from '../suite.ts';

/** Goal: the connector (parse, type, digest, snapshot, batch) within this many times the bare csv-parse pass. */
const CSV_GOAL_RATIO = 4;
/**
 * Goal for LDIF, whose floor only splits lines and counts records (no attribute parsing, base64 or typing). A bare
 * csv-parse pass is itself 10–20 × slower than such a split, so 25 × keeps LDIF in line with the CSV goal.
 */
const LDIF_GOAL_RATIO = 25;
const SEED = 42;

interface Timed {
  readonly objects: number;
  readonly problems: number;
  readonly seconds: number;
  readonly watermark: string | null;
}

async function timeImport(it: ImportIterator, onBatch: (n: number) => void): Promise<Timed> {
  const start = performance.now();
  let objects = 0;
  let problems = 0;
  for (;;) {
    const r = await it.next();
    if (r.done) return { objects, problems, seconds: (performance.now() - start) / 1000, watermark: r.value };
    objects += r.value.changes.length;
    problems += r.value.problems?.length ?? 0;
    onBatch(objects);
  }
}

/** Records/s of a bare csv-parse pass over the file (header row excluded). */
async function csvFloor(path: string): Promise<{ records: number; seconds: number }> {
  const start = performance.now();
  let records = -1;
  for await (const _ of createReadStream(path).pipe(parse())) records++;
  return { records, seconds: (performance.now() - start) / 1000 };
}

/** Seconds to read the LDIF as text and find its records (split lines, count blank ones): the least any LDIF reader does. */
async function ldifFloor(path: string): Promise<{ records: number; seconds: number }> {
  const start = performance.now();
  let records = 0;
  let carry = '';
  let inRecord = false;
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024, encoding: 'utf8' })) {
    const text = carry + (chunk as string);
    let from = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
      const line = text.slice(from, nl);
      if (line === '') {
        if (inRecord) records++;
        inRecord = false;
      } else inRecord = true;
      from = nl + 1;
    }
    carry = text.slice(from);
  }
  if (inRecord || carry) records++;
  return { records, seconds: (performance.now() - start) / 1000 };
}

function figure(name: string, t: Timed, floorName: string, floorSeconds: number, floorUnit: string, floorValue: number, goalRatio: number): BenchFigure {
  const ratio = t.seconds / floorSeconds;
  return {
    name,
    value: Math.round(t.objects / t.seconds),
    unit: 'objects/s',
    floor: { name: floorName, value: Math.round(floorValue), unit: floorUnit },
    ratio: Math.round(ratio * 100) / 100,
    goal: `≤ ${goalRatio} × floor time`,
    goalMet: ratio <= goalRatio,
  };
}

/** The file-import benchmark suite. */
export const fileImportSuite: BenchSuite = {
  name: 'file-import',
  description: 'File connector full and delta import of generated CSV and LDIF users, against a bare csv-parse pass / LDIF line split',
  async run(ctx: BenchContext): Promise<readonly BenchFigure[]> {
    const n = ctx.count;
    const csvPath = join(ctx.tmpDir, 'users.csv');
    const ldifPath = join(ctx.tmpDir, 'users.ldif');
    ctx.progress('generating', 0, 2);
    await writeCsv(csvPath, { seed: SEED, users: n });
    ctx.progress('generating', 1, 2);
    const ldifOptions = { seed: SEED, users: n };
    const ldifCounts = await writeLdif(ldifPath, ldifOptions);
    ctx.progress('generating', 2, 2);
    ctx.log(`CSV ${((await stat(csvPath)).size / 1e6).toFixed(1)} MB, LDIF ${((await stat(ldifPath)).size / 1e6).toFixed(1)} MB`);

    const context: ConnectorContext = { signal: new AbortController().signal, log: (_l, m) => ctx.log(m) };
    const make = (config: unknown): Connector => fileConnectorType.create(fileConnectorType.configSchema.parse(config));
    const csv = make(hrCsvConfig(csvPath, { stateDir: join(ctx.tmpDir, 'csv-state') }));
    const ldif = make({ format: 'ldif', path: ldifPath, stateDir: join(ctx.tmpDir, 'ldif-state') });

    const floor = await csvFloor(csvPath);
    const csvFull = await timeImport(csv.importFull({}, context), (d) => ctx.progress('CSV full import', d, n));
    // Delta figures count the objects compared (the whole file), not the few changes yielded.
    const csvDelta = await timeImport(csv.importDelta(csvFull.watermark!, {}, context), (d) => ctx.progress('CSV delta import', d, n));
    const ldifBare = await ldifFloor(ldifPath);
    // Users, groups and the department OUs below ou=people.
    const ldifTotal = n + ldifCounts.groups + new IdentitySet(ldifOptions).ous().length - 2;
    const ldifFull = await timeImport(ldif.importFull({}, context), (d) => ctx.progress('LDIF full import', d, ldifTotal));
    if (ldifBare.records !== ldifTotal) throw new Error(`the LDIF floor found ${ldifBare.records} records, expected ${ldifTotal}`);
    if (csvFull.objects !== n || ldifFull.objects !== ldifTotal || csvFull.problems || ldifFull.problems) {
      throw new Error(`import incomplete: CSV ${csvFull.objects}/${n}, LDIF ${ldifFull.objects}/${ldifTotal} objects, ${csvFull.problems + ldifFull.problems} problems`);
    }
    if (csvDelta.objects !== 0) throw new Error(`delta of an unchanged file yielded ${csvDelta.objects} changes`);
    // The next day's feed: revision 1 changes about 1% of the users.
    await writeCsv(csvPath, { seed: SEED, users: n, revision: 1 });
    const csvChanged = await timeImport(csv.importDelta(csvDelta.watermark!, {}, context), (d) => ctx.progress('CSV delta import (1% changed)', d, Math.max(d, Math.ceil(n / 100))));
    ctx.log(`delta of revision 1: ${csvChanged.objects} changed objects of ${n}`);
    if (csvChanged.objects === 0 && n >= 1000) throw new Error('delta of revision 1 found no changes');
    const unchanged = { ...csvDelta, objects: n };
    const changed = { ...csvChanged, objects: n };
    return [
      figure('CSV full import', csvFull, 'csv-parse pass', floor.seconds, 'records/s', floor.records / floor.seconds, CSV_GOAL_RATIO),
      figure('CSV delta import (no changes)', unchanged, 'csv-parse pass', floor.seconds, 'records/s', floor.records / floor.seconds, CSV_GOAL_RATIO),
      figure('CSV delta import (1% changed)', changed, 'csv-parse pass', floor.seconds, 'records/s', floor.records / floor.seconds, CSV_GOAL_RATIO),
      figure('LDIF full import', ldifFull, 'LDIF line split', ldifBare.seconds, 'records/s', ldifBare.records / ldifBare.seconds, LDIF_GOAL_RATIO),
    ];
  },
};

export default fileImportSuite;
