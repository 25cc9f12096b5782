// The test-quality check (`npm test` runs it): every test file of the repository against the rules of
// test-quality/check-source.ts — no `.only`, no test without an assertion, no skip without a printed reason.
// Prints one line per problem and exits 1 when there is any.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSource, type ModuleReader, type Problem } from './test-quality/check-source.ts';

const FOLDERS = ['shared', 'engine', 'electron', 'renderer', 'e2e', 'build'];
const SKIP_DIRS = new Set(['node_modules', 'dist', 'test-results', 'artifacts', '.git', '.tmp']);

/** Test files: `*.test.ts(x)` anywhere in the source folders, and the Playwright specs `e2e/specs/**.spec.ts`. */
export function testFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(full);
      } else if (/\.test\.tsx?$/.test(entry.name) || (/\.spec\.ts$/.test(entry.name) && full.startsWith(path.join(root, 'e2e', 'specs')))) {
        files.push(full);
      }
    }
  };
  for (const folder of FOLDERS) if (fs.existsSync(path.join(root, folder))) walk(path.join(root, folder));
  return files.sort();
}

/** Reads a relatively imported module, trying the usual TypeScript extensions. */
const readModule: ModuleReader = (fromFile, specifier) => {
  const base = path.resolve(path.dirname(fromFile), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return { file: candidate, text: fs.readFileSync(candidate, 'utf8') };
  }
  return undefined;
};

/** Every problem of every test file under `root`, with paths relative to it. */
export function checkRepository(root: string): { files: number; problems: Problem[] } {
  const files = testFiles(root);
  const problems = files.flatMap((f) => checkSource(f, fs.readFileSync(f, 'utf8'), readModule).map((p) => ({ ...p, file: path.relative(root, p.file) })));
  return { files: files.length, problems };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const { files, problems } = checkRepository(root);
  for (const p of problems) console.log(`${p.file}:${p.line}: ${p.message}`);
  console.log(`test quality: ${files} test files, ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  process.exit(problems.length === 0 ? 0 : 1);
}
