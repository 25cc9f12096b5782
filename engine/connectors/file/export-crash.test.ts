// Exactly-once export to files: a real child process is SIGKILLed in the middle of an export (after the journal
// is written, and after the file is written but before the results reach the engine); the rerun must leave the
// file exactly as an uninterrupted run does: 0 changes lost, 0 written twice, no temporary file left.
import { spawn, spawnSync } from 'node:child_process';
import { appendFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportChange, ExportResult } from '../contract.ts';
import type { FileConfigInput } from './config.ts';
import { connectorFor, drain, scratch, testContext } from './test-harness.ts';
import type { PauseStage } from './test-pause.ts';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await scratch()));
afterEach(() => cleanup());

const CHILD = fileURLToPath(new URL('./export-crash-child.ts', import.meta.url));

const person = (i: number): ExportChange => ({
  csId: `p${i}`,
  op: 'add',
  objectType: 'person',
  dn: `uid=u${i},ou=people,dc=x`,
  anchor: null,
  changes: [
    { attribute: 'id', op: 'replace', values: [String(i)] },
    { attribute: 'uid', op: 'replace', values: [`u${i}`] },
    { attribute: 'title', op: 'replace', values: ['Dev'] },
  ],
});
const seed = Array.from({ length: 10 }, (_, i) => person(i + 1));
/** The batch being written when the process dies: an update, a delete, an add and a rename. */
const crashed: ExportChange[] = [
  { csId: 'p1', op: 'update', objectType: 'person', dn: 'uid=u1,ou=people,dc=x', anchor: null, changes: [{ attribute: 'title', op: 'replace', values: ['Lead'] }] },
  { csId: 'p2', op: 'delete', objectType: 'person', dn: 'uid=u2,ou=people,dc=x', anchor: null, changes: [] },
  person(11),
  { csId: 'p3', op: 'update', objectType: 'person', dn: 'uid=u3,ou=people,dc=x', newDn: 'uid=u3b,ou=people,dc=x', anchor: null, changes: [{ attribute: 'uid', op: 'replace', values: ['u3b'] }] },
];
/** Changes the engine adds to the batch it sends again after the crash. */
const later: ExportChange[] = [person(12), { csId: 'p4', op: 'delete', objectType: 'person', dn: 'uid=u4,ou=people,dc=x', anchor: null, changes: [] }];

const formats: [string, (d: string) => FileConfigInput][] = [
  ['LDIF', (d) => ({ format: 'ldif', path: join(d, 'out.ldif'), stateDir: join(d, 'state') })],
  ['CSV', (d) => ({ format: 'csv', path: join(d, 'out.csv'), anchor: 'id', objectType: 'person', stateDir: join(d, 'state') })],
  ['JSON', (d) => ({ format: 'json', path: join(d, 'out.json'), anchor: 'id', objectType: 'person', stateDir: join(d, 'state') })],
];

/** Runs the export in a child process that pauses at `stage`, and SIGKILLs it there. */
async function exportKilledAt(config: FileConfigInput, batch: ExportChange[], stage: PauseStage): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify([config, batch])], {
    env: { ...process.env, IDSYNC_TEST_PAUSE_FILE_EXPORT: stage },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes(`file export paused ${stage}`)) resolve();
    });
    child.on('exit', () => reject(new Error(`the child ended before pausing at ${stage}: ${stderr}`)));
  });
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

/** The export file's content and what a full import reads from it. */
async function state(config: FileConfigInput): Promise<{ text: string; objects: string[] }> {
  const text = await readFile(config.path, 'utf8');
  const r = await drain(connectorFor(config).importFull({}, testContext()));
  expect(r.problems).toEqual([]);
  return { text, objects: r.changes.map((c) => JSON.stringify(c)) };
}

async function uninterrupted(configOf: (d: string) => FileConfigInput, batches: ExportChange[][]): Promise<{ config: FileConfigInput; results: ExportResult[] }> {
  const base = join(dir, 'reference');
  await mkdir(base, { recursive: true });
  const config = configOf(base);
  const results: ExportResult[] = [];
  for (const batch of batches) results.push(...(await connectorFor(config).export(batch, testContext())));
  return { config, results };
}

describe('exactly-once export to files after a SIGKILL', () => {
  for (const [format, configOf] of formats) {
    for (const stage of ['after-journal', 'after-write'] as const) {
      it(`${format}, killed ${stage}: the rerun writes what is missing and nothing twice`, async () => {
        const crashDir = join(dir, 'crash');
        await mkdir(crashDir);
        const config = configOf(crashDir);
        await connectorFor(config).export(seed, testContext());
        await exportKilledAt(config, crashed, stage);

        const ctx = testContext();
        const rerun = await connectorFor(config).export([...crashed, ...later], ctx);
        const reference = await uninterrupted(configOf, [seed, crashed, later]);
        expect(rerun).toEqual(reference.results.slice(seed.length));
        expect(rerun.every((r) => r.ok)).toBe(true);
        const got = await state(config);
        const want = await state(reference.config);
        expect(got.objects).toEqual(want.objects);
        // The same bytes: no record appended twice, no row lost.
        expect(got.text).toBe(want.text.replaceAll(join(dir, 'reference'), crashDir));
        expect((await readdir(crashDir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
        if (stage === 'after-write') expect(ctx.lines.join('\n')).toContain(`${crashed.length} change(s) of this batch were already written`);
        if (stage === 'after-journal' && format !== 'LDIF') expect(ctx.lines.join('\n')).toMatch(/removed 1 temporary file\(s\) left by an interrupted run: \.out\.(csv|json)\.\d+\.[0-9a-f]{8}\.tmp/);
      }, 30_000);
    }
  }

  it('LDIF: an append cut short is cut back to the last whole record, by the next import as well as the next export', async () => {
    const config = formats[0][1](dir);
    await connectorFor(config).export(seed, testContext());
    await exportKilledAt(config, crashed, 'after-journal');
    // What a crash in the middle of the write leaves: the start of the first record of the batch.
    await appendFile(config.path, 'dn: uid=u1,ou=people,dc=x\nchangetype: mod');
    const imported = await drain(connectorFor(config).importFull({}, testContext()));
    expect(imported.problems).toEqual([]);
    expect(imported.changes).toHaveLength(seed.length);
    await connectorFor(config).export(crashed, testContext());
    const reference = await uninterrupted(formats[0][1], [seed, crashed]);
    expect((await state(config)).text).toBe((await state(reference.config)).text);
  }, 30_000);

  it('a change sent again with other content is written again: only the very same change counts as done', async () => {
    const config = formats[0][1](dir);
    const c = connectorFor(config);
    await c.export(seed.slice(0, 1), testContext());
    const title = (t: string): ExportChange => ({ csId: 'p1', op: 'update', objectType: 'person', dn: 'uid=u1,ou=people,dc=x', anchor: null, changes: [{ attribute: 'title', op: 'replace', values: [t] }] });
    await c.export([title('A')], testContext());
    await c.export([title('B')], testContext());
    const text = await readFile(config.path, 'utf8');
    expect(text.match(/^title: /gm)).toEqual(['title: ', 'title: ', 'title: ']);
    expect(text).toContain('title: A\n-\n\ndn: uid=u1,ou=people,dc=x\nchangetype: modify\nreplace: title\ntitle: B');
  });

  it('removes the temporary files of dead processes when the connector starts, and only those', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const config = { ...formats[1][1](dir), stateDir: join(dir, 'state') };
    await mkdir(join(dir, 'state'));
    const left = ['.out.csv.' + dead + '.0badc0de.tmp', '..out.csv.journal.' + dead + '.00ff00ff.tmp'];
    const snapshot = `.m1abcd-0a1b2c3d.snapshot.${dead}.12345678.tmp`;
    const kept = ['.out.csv.' + process.pid + '.0badc0de.tmp', '.other.csv.' + dead + '.0badc0de.tmp', 'out.csv.tmp'];
    for (const name of [...left, ...kept]) await writeFile(join(dir, name), 'x');
    await writeFile(join(dir, 'state', snapshot), 'x');
    await writeFile(config.path, 'id\n');
    const ctx = testContext();
    await drain(connectorFor(config).importFull({}, ctx));
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp')).sort()).toEqual([...kept].sort());
    expect((await readdir(join(dir, 'state'))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(ctx.lines.join('\n')).toContain('removed 3 temporary file(s) left by an interrupted run');
  });
});
