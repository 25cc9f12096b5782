import { afterEach, describe, expect, it } from 'vitest';
import { StatementCache } from './statement-cache.ts';
import { TemporaryStores } from './temporary-stores.ts';

const stores = new TemporaryStores();
afterEach(() => stores.cleanup());

describe('statements prepared once per text', () => {
  it('prepares a text the first time only, gives its results, and starts again past 64 texts', () => {
    const s = stores.open();
    let prepared = 0;
    const prepare = s.db.prepare.bind(s.db);
    s.db.prepare = ((sql: string) => (prepared++, prepare(sql))) as typeof s.db.prepare;
    const cache = new StatementCache(s.db);
    const one = cache.get('SELECT 1 AS n');
    expect(cache.get('SELECT 1 AS n')).toBe(one);
    expect((one.get() as { n: number }).n).toBe(1);
    expect(prepared).toBe(1);
    for (let i = 2; i <= 64; i++) cache.get(`SELECT ${i} AS n`);
    expect(prepared).toBe(64);
    expect(cache.get('SELECT 1 AS n')).toBe(one);
    cache.get('SELECT 65 AS n');
    expect(prepared).toBe(65);
    // The 65th text started the cache again: the first is prepared anew.
    expect(cache.get('SELECT 1 AS n')).not.toBe(one);
    expect(prepared).toBe(66);
  });
});
