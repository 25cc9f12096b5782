import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectivityError } from '../contract.ts';
import { connectorFor, drain, scratch, testContext } from './test-harness.ts';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await scratch()));
afterEach(() => cleanup());

const csv = (path: string) => ({ format: 'csv' as const, path, anchor: 'id', objectType: 'person', attributes: { n: { type: 'integer' as const }, b: { type: 'binary' as const }, ok: { type: 'boolean' as const } } });

describe('malformed CSV', () => {
  it('reports each bad row with file, line and object, and imports the rest', async () => {
    const path = join(dir, 'bad.csv');
    const bytes = Buffer.concat([
      Buffer.from('id,name,n,b,ok\n1,Ann,1,,\n2,Bo\n3,Cy,x,,\n4,Di,,@@@,\n'),
      Buffer.from([0x35, 0x2c, 0xff, 0xfe, 0x2c, 0x2c, 0x2c, 0x0a]),
      Buffer.from('1,Dup,,,\n,NoAnchor,,,\n7,Ed,,,maybe\n8,"Unclosed,,,\n9,Never,,,\n'),
    ]);
    await writeFile(path, bytes);
    const r = await drain(connectorFor(csv(path)).importFull({}, testContext()));
    expect(r.changes.map((c) => c.kind === 'object' && c.object.anchor)).toEqual(['1']);
    expect(r.problems.map((p) => [p.code, p.location, p.anchor])).toEqual([
      ['parse-error', `${path}:3`, undefined],
      ['invalid-numeric-value', `${path}:4`, '3'],
      ['invalid-base64-value', `${path}:5`, '4'],
      ['parse-error', `${path}:6`, undefined],
      ['duplicate-object', `${path}:7`, '1'],
      ['missing-anchor-component', `${path}:8`, undefined],
      ['invalid-boolean-value', `${path}:9`, '7'],
      ['parse-error', `${path}:10`, undefined],
    ]);
    expect(r.problems[0].message).toContain(`${path}:3`);
    expect(r.problems[1].message).toMatch(/attribute n: "x" is not an integer/);
    expect(r.problems[3].message).toContain('not valid UTF-8');
    expect(r.problems[4].message).toContain('(anchor 1)');
    expect(r.problems[7].message).toContain('never closed; lines 10–11 (2 lines, to the end of the file) were not read');
  });

  it('an unclosed quote never passes for a complete read: the lost lines are named and nothing is deleted', async () => {
    const path = join(dir, 'hr.csv');
    const config = { ...csv(path), stateDir: join(dir, 'state') };
    const rows = Array.from({ length: 8 }, (_, i) => `${i + 1},Name ${i + 1},,,`);
    await writeFile(path, ['id,name,n,b,ok', ...rows].join('\n') + '\n');
    const c = connectorFor(config);
    const full = await drain(c.importFull({}, testContext()));
    expect(full.changes).toHaveLength(8);
    rows[2] = '3,"Name 3,,,';
    await writeFile(path, ['id,name,n,b,ok', ...rows].join('\n') + '\n');
    const ctx = testContext();
    const delta = await drain(c.importDelta(full.watermark!, {}, ctx));
    expect(delta.problems.map((p) => [p.code, p.location])).toEqual([['parse-error', `${path}:4`]]);
    expect(delta.problems[0].message).toBe(`${path}:4: a quote opened in the row starting here is never closed; lines 4–9 (6 lines, to the end of the file) were not read`);
    expect(delta.changes).toEqual([]);
    expect(ctx.lines.join('\n')).toContain('6 object(s) were not found, but deletes are not inferred');
    // A full import reports it the same way, so the engine obsoletes nothing either.
    const again = await drain(c.importFull({}, testContext()));
    expect(again.problems.map((p) => p.code)).toEqual(['parse-error']);
    expect(again.changes).toHaveLength(2);
  });
});

describe('malformed JSON', () => {
  it('reports a broken element and goes on with the next', async () => {
    const path = join(dir, 'bad.json');
    await writeFile(path, '[\n{"id":"1"},\n{"id": tru},\n"scalar",\n{"id":"2","n":"x"},\n{"id":"3"}\n]\n');
    const r = await drain(connectorFor({ ...csv(path), format: 'json' }).importFull({}, testContext()));
    expect(r.changes.map((c) => c.kind === 'object' && c.object.anchor)).toEqual(['1', '3']);
    expect(r.problems.map((p) => [p.code, p.location])).toEqual([
      ['parse-error', `${path}:3`],
      ['parse-error', `${path}:4`],
      ['invalid-numeric-value', `${path}:5`],
    ]);
  });

  it('reports a file that is not an array', async () => {
    const path = join(dir, 'obj.json');
    await writeFile(path, '{"id":"1"}');
    const r = await drain(connectorFor({ ...csv(path), format: 'json' }).importFull({}, testContext()));
    expect(r.changes).toEqual([]);
    expect(r.problems[0].message).toContain('expected a JSON array');
  });

  it('names the lines an object that is never closed swallowed', async () => {
    const path = join(dir, 'open.json');
    await writeFile(path, '[\n{"id":"1"},\n{"id":"2",\n"x":[1,\n2]\n');
    const r = await drain(connectorFor({ ...csv(path), format: 'json' }).importFull({}, testContext()));
    expect(r.changes).toHaveLength(1);
    expect(r.problems.map((p) => p.message)).toEqual([`${path}:3: object starting here is never closed; lines 3–5 (3 lines, to the end of the file) were not read`]);
  });
});

describe('malformed LDIF', () => {
  it('reports bad base64, missing dn, bad folding and duplicates by line and DN', async () => {
    const path = join(dir, 'bad.ldif');
    await writeFile(
      path,
      ['dn: cn=a,dc=x', 'objectClass: person', 'cn:: ###', '', 'objectClass: person', 'cn: nodn', '', ' folded', 'cn: x', '', 'dn: cn=b,dc=x', 'objectClass: person', '', 'dn: CN=B,dc=x', 'objectClass: person', ''].join('\n'),
    );
    const r = await drain(connectorFor({ format: 'ldif', path }).importFull({}, testContext()));
    expect(r.changes.map((c) => c.kind === 'object' && c.object.dn)).toEqual(['cn=b,dc=x']);
    expect(r.problems.map((p) => [p.code, p.location, p.dn])).toEqual([
      ['invalid-base64-value', `${path}:3`, 'cn=a,dc=x'],
      ['missing-dn', `${path}:5`, undefined],
      ['parse-error', `${path}:8`, undefined],
      ['duplicate-object', `${path}:14`, undefined],
    ]);
    expect(r.problems[0].message).toContain('cn=a,dc=x');
  });
});

describe('invalid UTF-8', () => {
  it('names the JSON object and the LDIF record whose bytes are not UTF-8, and imports the others', async () => {
    const bad = Buffer.from([0xc3, 0x28]);
    const jsonPath = join(dir, 'bad.json');
    await writeFile(jsonPath, Buffer.concat([Buffer.from('[\n{"id":"1"},\n{"id":"2","name":"'), bad, Buffer.from('"},\n{"id":"3"}\n]\n')]));
    const j = await drain(connectorFor({ ...csv(jsonPath), format: 'json' }).importFull({}, testContext()));
    expect(j.changes.map((c) => c.kind === 'object' && c.object.anchor)).toEqual(['1', '3']);
    expect(j.problems.map((p) => [p.code, p.location])).toEqual([['parse-error', `${jsonPath}:3`]]);
    expect(j.problems[0].message).toContain('not valid UTF-8');

    const ldifPath = join(dir, 'bad.ldif');
    await writeFile(ldifPath, Buffer.concat([Buffer.from('dn: cn=a,dc=x\nobjectClass: person\n\ndn: cn=b,dc=x\nobjectClass: person\nsn: '), bad, Buffer.from('\n\ndn: cn=c,dc=x\nobjectClass: person\n')]));
    const l = await drain(connectorFor({ format: 'ldif', path: ldifPath }).importFull({}, testContext()));
    expect(l.changes.map((c) => c.kind === 'object' && c.object.dn)).toEqual(['cn=a,dc=x', 'cn=c,dc=x']);
    expect(l.problems.map((p) => [p.code, p.location, p.dn])).toEqual([['parse-error', `${ldifPath}:4`, 'cn=b,dc=x']]);
  });
});

describe('unreadable files', () => {
  it('throws ConnectivityError naming the file when it is missing', async () => {
    const c = connectorFor(csv(join(dir, 'nope.csv')));
    await expect(drain(c.importFull({}, testContext()))).rejects.toThrow(ConnectivityError);
    await expect(drain(c.importFull({}, testContext()))).rejects.toThrow(/nope\.csv: file not found/);
    expect((await c.testConnection(testContext())).ok).toBe(false);
  });

  it('throws ConnectivityError when the path is a directory', async () => {
    await expect(drain(connectorFor(csv(dir)).importFull({}, testContext()))).rejects.toThrow(new RegExp(`cannot read ${dir}: is a directory`));
    await expect(drain(connectorFor({ format: 'ldif', path: dir }).importFull({}, testContext()))).rejects.toBeInstanceOf(ConnectivityError);
  });

  it('throws ConnectivityError when permission is denied', async (ctx) => {
    if (process.getuid?.() === 0) {
      console.log('skipped: running as root, where file permissions do not deny reads');
      ctx.skip();
    }
    const path = join(dir, 'locked.csv');
    await writeFile(path, 'id\n1\n');
    await chmod(path, 0o000);
    await expect(drain(connectorFor(csv(path)).importFull({}, testContext()))).rejects.toThrow(/permission denied/);
  });
});
