// Microsoft's sample data (the shipped rules, the metaverse schema, a server export) is not part of this
// repository: its tests read it from ../shared/data beside the repository (or the folder IDSYNC_SAMPLE_DATA names)
// when it is there, and otherwise are skipped with a printed reason that names the missing file.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Sample files of one test file: why they cannot be read here, and a reader for when they can. */
export interface SampleData {
  /** Why tests that need the files cannot run here (each missing file named), or null when all are present. */
  readonly missing: string | null;
  /** Full path of one of the files (or folders). */
  path(name: string): string;
  /** One of the files, parsed as JSON and read once; call it from a test or hook, which runs only when present. */
  json<T>(name: string): T;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Where the sample data lives: `../shared/data` relative to the repository root, unless IDSYNC_SAMPLE_DATA names a folder. */
export const SAMPLE_DATA_DIR = path.resolve(repoRoot, process.env.IDSYNC_SAMPLE_DATA || '../shared/data');

/** Looks for the named files under SAMPLE_DATA_DIR; prints one line naming each missing one. Use with `describe.skipIf(data.missing)`. */
export function sampleData(...names: string[]): SampleData {
  const full = (name: string) => path.join(SAMPLE_DATA_DIR, name);
  const absent = names.filter((n) => !fs.existsSync(full(n))).map((n) => path.relative(repoRoot, full(n)));
  const missing = absent.length === 0 ? null : `Microsoft's sample data is not here: ${absent.join(', ')} missing (see engine/test-data/README.md)`;
  if (missing) console.log(`skipped: ${missing}`);
  const parsed = new Map<string, unknown>();
  return {
    missing,
    path(name) {
      if (!names.includes(name)) throw new Error(`${name} was not asked for in sampleData(...)`);
      return full(name);
    },
    json<T>(name: string): T {
      if (!parsed.has(name)) parsed.set(name, JSON.parse(fs.readFileSync(this.path(name), 'utf8')));
      return parsed.get(name) as T;
    },
  };
}
