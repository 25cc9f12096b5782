// The test-quality rules on small bad and good test files.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkSource, type ModuleReader } from './check-source.ts';
import { checkRepository } from '../test-quality.ts';

const HEAD = "import { describe, expect, it } from 'vitest';\n";
const problems = (body: string, read?: ModuleReader) => checkSource('x.test.ts', HEAD + body, read).map((p) => `${p.line - 1}: ${p.message}`);

describe('test-quality check', () => {
  it('refuses a test without an assertion, naming its line', () => {
    expect(problems("it('adds', () => {\n  const a = 1 + 1;\n  void a;\n});\n")).toEqual(['1: it: the test asserts nothing (no expect/assert, and no helper that asserts)']);
    // A word in a string or a comment is not an assertion.
    expect(problems("it('a', () => { const s = 'expect(1)'; void s; }); // expect\n")).toHaveLength(1);
    expect(problems("test('b', async ({ page }) => {\n  await page.goto(`${'expect'}`);\n});\n")).toHaveLength(1);
  });

  it('accepts an assertion in the test, in a helper of the file, or in an imported helper', () => {
    expect(problems("it('a', () => { expect(1).toBe(1); });\nit.each([1])('b %s', async (n) => { await expect(Promise.resolve(n)).resolves.toBe(1); });\n")).toEqual([]);
    expect(problems("function check(n: number) { expect(n).toBe(1); }\nconst twice = (n: number) => {\n  check(n);\n  check(n);\n};\nit('c', () => twice(1));\n")).toEqual([]);
    const read: ModuleReader = (_from, spec) => (spec === './helpers.ts' ? { file: 'helpers.ts', text: 'export async function seeded(n: number) { expect(n).toBe(1); }\nexport function quiet() {}\n' } : undefined);
    expect(problems("import { seeded, quiet as q } from './helpers.ts';\nit('d', async () => { await seeded(1); });\nit('e', () => { q(); });\n", read)).toEqual([
      '3: it: the test asserts nothing (no expect/assert, and no helper that asserts)',
    ]);
  });

  it('refuses .only on tests and suites', () => {
    expect(problems("it.only('a', () => { expect(1).toBe(1); });\ndescribe.only('s', () => {});\ntest.describe.only('t', () => {});\n")).toEqual([
      '1: it.only: .only runs one test and silently drops the others',
      '2: describe.only: .only runs one test and silently drops the others',
      '3: test.describe.only: .only runs one test and silently drops the others',
    ]);
    // Another object's `only` property is not a focused test.
    expect(problems("it('a', () => { const opts = { only: ['x'] }; expect(opts.only).toEqual(['x']); });\n")).toEqual([]);
  });

  it('refuses a skip without a condition, and a conditional skip without a printed reason', () => {
    expect(problems("it.skip('a', () => { expect(1).toBe(1); });\nit.todo('b');\ntest.fixme('c', async () => { expect(1).toBe(1); });\n")).toEqual([
      '1: it.skip: a test skipped without a condition never runs; give it a condition and a printed reason, or delete it',
      '2: it.todo: a test skipped without a condition never runs; give it a condition and a printed reason, or delete it',
      '3: test.fixme: a test skipped without a condition never runs; give it a condition and a printed reason, or delete it',
    ]);
    const silent = "const slapd = process.env.SLAPD;\nit.skipIf(!slapd)('a', () => { expect(1).toBe(1); });\ndescribe.runIf(slapd)('b', () => {});\n";
    expect(problems(silent)).toEqual([
      '2: it.skipIf: a skip must print its reason (console.log next to it or at the top of the file)',
      '3: describe.runIf: a skip must print its reason (console.log next to it or at the top of the file)',
    ]);
    const inside = "test('c', async () => {\n  test.skip(!process.env.X, 'needs X');\n  expect(1).toBe(1);\n});\nit('d', (ctx) => {\n  ctx.skip();\n  expect(1).toBe(1);\n});\n";
    expect(problems(inside)).toEqual([
      '2: test.skip: a skip must print its reason (console.log next to it or at the top of the file)',
      '6: ctx.skip(): a skip must print its reason (console.log next to it or at the top of the file)',
    ]);
    // A skip inside a test that prints nothing is not excused by a console call in some other test further down.
    const far = `it.skipIf(!process.env.X)('e', () => { expect(1).toBe(1); });\n${'\n'.repeat(12)}it('f', () => { console.log('x'); expect(1).toBe(1); });\n`;
    expect(problems(far)).toHaveLength(1);
  });

  it('accepts a skip whose reason is printed next to it, at the top of the file, or by sampleData()', () => {
    expect(problems("const slapd = process.env.SLAPD;\nif (!slapd) console.log('skipped: slapd is not installed');\nit.skipIf(!slapd)('a', () => { expect(1).toBe(1); });\n")).toEqual([]);
    expect(problems("it('b', (ctx) => {\n  if (process.getuid?.() === 0) {\n    console.log('skipped: root reads every file');\n    ctx.skip();\n  }\n  expect(1).toBe(1);\n});\n")).toEqual([]);
    expect(problems("const data = sampleData('rules.json');\ndescribe.skipIf(data.missing)('c', () => {\n  it('d', () => { expect(data.json('rules.json')).toBeTruthy(); });\n});\n")).toEqual([]);
    expect(problems("it.skipIf(sqliteOnly('the file'))('e', () => { expect(1).toBe(1); });\n")).toEqual([]);
    expect(problems("it.skipIf(postgresOnly('round trips'))('e', () => { expect(1).toBe(1); });\n")).toEqual([]);
    expect(problems("it.skipIf(otherCheck('the file'))('e', () => { expect(1).toBe(1); });\n")).toHaveLength(1);
  });

  it('refuses an assertion that cannot fail', () => {
    expect(problems("it('a', () => { expect([].length).toBeGreaterThanOrEqual(0); });\n")).toEqual(['1: toBeGreaterThanOrEqual(0) cannot fail for a count; assert the expected value']);
    expect(problems("it('b', () => { expect([1].length).toBeGreaterThanOrEqual(1); });\n")).toEqual([]);
  });

  it('is not fooled by regular expressions, templates and comments holding brackets', () => {
    const tricky = "it('a', () => {\n  const re = /[({]/;\n  const t = `)${'}'}(`;\n  /* ) */ expect(re.test(t)).toBe(true);\n});\nit('b', () => { const x = 4 / 2 / 1; void x; });\n";
    expect(problems(tricky)).toEqual(['6: it: the test asserts nothing (no expect/assert, and no helper that asserts)']);
  });

  it('passes on this repository', () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
    const { files, problems: found } = checkRepository(root);
    expect(files).toBeGreaterThan(100);
    expect(found).toEqual([]);
  });
});
