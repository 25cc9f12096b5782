import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { findPostgres, postgresSkipReason } from './find-postgres.ts';

const root = mkdtempSync(path.join(tmpdir(), 'idsync-find-pg-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function install(version: string, binaries: string[]): void {
  mkdirSync(path.join(root, version, 'bin'), { recursive: true });
  for (const b of binaries) writeFileSync(path.join(root, version, 'bin', b), '');
}

it('picks the newest version that has both initdb and postgres', () => {
  install('9', ['initdb', 'postgres']);
  install('13', ['initdb', 'postgres']);
  install('16', ['initdb']);
  install('common', ['initdb', 'postgres']);
  expect(findPostgres(root)).toEqual({ version: 13, initdb: path.join(root, '13', 'bin', 'initdb'), postgres: path.join(root, '13', 'bin', 'postgres') });
  expect(postgresSkipReason(root)).toBeUndefined();
});

it('names what is missing when no version is complete', () => {
  const missing = path.join(root, 'nowhere');
  expect(postgresSkipReason(missing)).toBe(`PostgreSQL server binaries not found: ${missing}/<version>/bin/initdb and postgres (apt-get install postgresql)`);
});
