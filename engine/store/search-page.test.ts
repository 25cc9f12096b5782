import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { checkedPage, idPage } from './search-page.ts';

const candidates = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i + 1 }));
const even = (o: { id: number }) => o.id % 2 === 0;

describe('checked search pages', () => {
  it('counts every match without a limit', () => {
    const p = checkedPage(candidates(100), even, 0, 10);
    expect(p).toMatchObject({ total: 50, totalExact: true, nextCursor: '20' });
    expect(p.items.map((o) => o.id)).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20]);
  });

  it('stops counting at the limit and reports the total as a lower bound', () => {
    let checked = 0;
    const p = checkedPage(candidates(10_000), (o) => (checked++, even(o)), 0, 10, 100);
    expect(p).toMatchObject({ total: 100, totalExact: false, nextCursor: '20' });
    // Reading stopped once the page and the count were done.
    expect(checked).toBe(202);
  });

  it('is exact when the matches are exactly the limit', () => {
    const p = checkedPage(candidates(200), even, 0, 10, 100);
    expect(p).toMatchObject({ total: 100, totalExact: true });
  });

  it('pages beyond the counted matches', () => {
    const p = checkedPage(candidates(10_000), even, 5000, 3, 100);
    expect(p.items.map((o) => o.id)).toEqual([5002, 5004, 5006]);
    expect(p).toMatchObject({ total: 100, totalExact: false, nextCursor: '5006' });
    const last = checkedPage(candidates(10_000), even, 9996, 3, 100);
    expect(last.items.map((o) => o.id)).toEqual([9998, 10000]);
    expect(last.nextCursor).toBeNull();
  });
});

describe('id search pages', () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, even INTEGER NOT NULL)');
  const insert = db.prepare('INSERT INTO t (id, even) VALUES (?, ?)');
  db.transaction(() => {
    for (let id = 1; id <= 10_000; id++) insert.run(id, id % 2 === 0 ? 1 : 0);
  })();
  const sql = 'SELECT id FROM t WHERE even = ? ORDER BY id';

  it('counts every match without a limit', () => {
    const p = idPage(db, sql, [1], 0, 3);
    expect(p).toEqual({ ids: [2, 4, 6], total: 5000, totalExact: true, more: true });
  });

  it('counts the first page up to the limit and reports the total as a lower bound', () => {
    expect(idPage(db, sql, [1], 0, 3, 100)).toEqual({ ids: [2, 4, 6], total: 100, totalExact: false, more: true });
    expect(idPage(db, 'SELECT id FROM t WHERE even = ? AND id <= 200 ORDER BY id', [1], 0, 3, 100)).toEqual({ ids: [2, 4, 6], total: 100, totalExact: true, more: true });
    expect(idPage(db, sql, [1], 0, 500, 100)).toMatchObject({ total: 100, totalExact: false, more: true });
    expect(idPage(db, sql, [1], 0, 500, 100).ids).toHaveLength(500);
  });

  it('pages beyond the counted matches, to the last page', () => {
    expect(idPage(db, sql, [1], 5000, 3, 100)).toEqual({ ids: [5002, 5004, 5006], total: 100, totalExact: false, more: true });
    expect(idPage(db, sql, [1], 9996, 3, 100)).toEqual({ ids: [9998, 10000], total: 100, totalExact: false, more: false });
    expect(idPage(db, sql, [0], 9996, 3)).toEqual({ ids: [9997, 9999], total: 5000, totalExact: true, more: false });
  });
});
