// Locates the PostgreSQL server binaries a test run can start (Debian's /usr/lib/postgresql/<version>/bin).
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

export interface PostgresBinaries {
  readonly version: number;
  readonly initdb: string;
  readonly postgres: string;
}

const ROOT = '/usr/lib/postgresql';

/** The newest installed version with both `initdb` and `postgres`, or why there is none. */
export function findPostgres(root = ROOT): PostgresBinaries | { readonly missing: string } {
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name))
        .map(Number)
        .sort((a, b) => b - a)
    : [];
  for (const version of versions) {
    const bin = path.join(root, String(version), 'bin');
    const initdb = path.join(bin, 'initdb');
    const postgres = path.join(bin, 'postgres');
    if (existsSync(initdb) && existsSync(postgres)) return { version, initdb, postgres };
  }
  return { missing: `${root}/<version>/bin/initdb and postgres (apt-get install postgresql)` };
}

/** Why PostgreSQL tests cannot run here, or undefined when they can. */
export function postgresSkipReason(root = ROOT): string | undefined {
  const found = findPostgres(root);
  return 'missing' in found ? `PostgreSQL server binaries not found: ${found.missing}` : undefined;
}
