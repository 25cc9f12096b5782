// The data directory holds the database, the secrets key and the engine's state: only its owner may read it.
// It is created 0700 and the database files 0600; an existing directory or database that others can read is
// tightened when IdSync opens it.
import fs from 'node:fs';

const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;

/** Creates the data directory (owner only), or tightens an existing one; returns a note when it had to tighten. */
export function prepareDataDirectory(home: string): string | null {
  fs.mkdirSync(home, { recursive: true, mode: PRIVATE_DIR });
  return tighten(home, PRIVATE_DIR);
}

/**
 * Makes sure the database and its journal files are readable by the owner only: SQLite creates the WAL and
 * shared-memory files with the mode of the database file, so the database is created 0600 before SQLite opens it.
 */
export function protectDatabaseFiles(databasePath: string): void {
  fs.closeSync(fs.openSync(databasePath, 'a', PRIVATE_FILE));
  for (const file of [databasePath, `${databasePath}-wal`, `${databasePath}-shm`]) tighten(file, PRIVATE_FILE);
}

function tighten(file: string, mode: number): string | null {
  if (process.platform === 'win32') return null;
  const st = fs.statSync(file, { throwIfNoEntry: false });
  if (!st || (st.mode & 0o777 & ~mode) === 0) return null;
  try {
    fs.chmodSync(file, mode);
  } catch (err) {
    return `${file} is readable by others (mode ${(st.mode & 0o777).toString(8)}) and could not be restricted: ${(err as Error).message}`;
  }
  return `${file} was readable by others (mode ${(st.mode & 0o777).toString(8)}); restricted to its owner (${mode.toString(8)})`;
}
