// Stores in temporary directories, for tests: each test opens what it needs and the test file removes them after it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore, type Store } from './store.ts';

/** Stores opened by a test, closed and removed by `cleanup`. */
export class TemporaryStores {
  private readonly dirs: string[] = [];
  private readonly stores: Store[] = [];

  /** A new empty directory, removed by `cleanup`. */
  directory(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-store-'));
    this.dirs.push(dir);
    return dir;
  }

  /** Opens (creating when needed) the store `idsync.sqlite` of a directory, a new one by default. */
  open(dir = this.directory()): Store {
    const store = openStore(path.join(dir, 'idsync.sqlite'));
    this.stores.push(store);
    return store;
  }

  /** Closes every store and removes every directory. */
  cleanup(): void {
    for (const s of this.stores.splice(0)) s.close();
    for (const d of this.dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  }
}
