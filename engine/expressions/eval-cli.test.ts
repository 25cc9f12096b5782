// Spawns `idsync eval` as a user would.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { writeBatchResults } from '../cli/commands/eval.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const scratch = mkdtempSync(path.join(tmpdir(), 'idsync-eval-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function idsync(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'bin/idsync'), 'eval', ...args], { encoding: 'utf8', cwd: repoRoot, env: { ...process.env, IDSYNC_HOME: scratch } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('idsync eval', () => {
  it('prints one JSON line and exits 0', () => {
    const r = idsync('IIF(IsPresent([mail]), LCase(Trim([mail])), [userPrincipalName] & "@" & %Domain.FQDN%)', '--attrs', '{"userPrincipalName":"jdoe","%Domain.FQDN%":"contoso.com"}');
    expect(r).toMatchObject({ code: 0, stdout: '"jdoe@contoso.com"\n' });
    expect(idsync('Trim([p])', '--attrs', '{"p":[" a ","b "]}').stdout).toBe('["a","b"]\n');
    expect(idsync('&H7FFFFFFFFFFFFFFF').stdout).toBe('9223372036854775807\n');
    expect(idsync('CDate("2013-01-10 4:00 PM -8")').stdout).toBe('"2013-01-11T00:00:00Z"\n');
    expect(idsync('[x]').stdout).toBe('{"null":true}\n');
  });

  it('exits 1 with the position on stderr for parse and evaluation errors', () => {
    const parse = idsync('Left("abc",1');
    expect(parse.code).toBe(1);
    expect(parse.stdout).toBe('');
    expect(parse.stderr).toMatch(/line 1, column 13/);
    const run = idsync('1/0');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/division by zero \(line 1, column 2\)/);
    expect(idsync('"x"', '--attrs', '{bad').code).toBe(1);
  });

  it('evaluates a batch file into one JSON array', () => {
    const file = path.join(scratch, 'batch.json');
    writeFileSync(
      file,
      JSON.stringify([
        { id: 'a', expr: 'UCase([n])', attrs: { n: 'x' } },
        { id: 'b', expr: 'Item([p], 5)', attrs: { p: ['1'] } },
        { id: 'c', expr: 'CGuid("00001111-aaaa-2222-bbbb-3333cccc4444")' },
      ]),
    );
    const r = idsync('--batch', file);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { id: string; result?: unknown; error?: string }[];
    expect(out[0]).toEqual({ id: 'a', result: 'X' });
    expect(out[1].error).toMatch(/out of range/);
    expect(out[2]).toEqual({ id: 'c', result: { base64: 'EREAAKqqIiK7uzMzzMxERA==' } });
    expect(idsync('--batch', path.join(scratch, 'missing.json')).code).toBe(1);
  });

  it('reads 64-bit integers exactly (AD FILETIMEs, USNs), in --attrs and in a batch', () => {
    expect(idsync('[pwdLastSet]', '--attrs', '{"pwdLastSet":129699324000000000}')).toMatchObject({ code: 0, stdout: '129699324000000000\n' });
    expect(idsync('[usn] + 1', '--attrs', '{"usn":[9223372036854775806]}').stdout).toBe('[9223372036854775807]\n');
    expect(idsync('CStr([t])', '--attrs', '{"t":-9007199254740993}').stdout).toBe('"-9007199254740993"\n');
    const file = path.join(scratch, 'int64.json');
    writeFileSync(file, '[{"id": 1, "expr": "[v]", "attrs": {"v": 133485408000000001}}]');
    expect(idsync('--batch', file).stdout).toBe('[{"id":1,"result":133485408000000001}]\n');
  });

  it('streams batch results one at a time instead of building the whole output', () => {
    const chunks: string[] = [];
    const items = Array.from({ length: 5 }, (_, i) => ({ id: i, expr: 'Left([s], 3)', attrs: { s: `abc${i}` } }));
    writeBatchResults(items, (c) => chunks.push(c));
    expect(chunks).toHaveLength(7);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(40);
    expect(JSON.parse(chunks.join(''))).toEqual(items.map((i) => ({ id: i.id, result: 'abc' })));
  });
});
