import { afterEach, describe, expect, it } from 'vitest';
import { dialectOf } from './sql/sql-database.ts';
import { RowBatch } from './row-batch.ts';
import { TemporaryStores } from './temporary-stores.ts';

const stores = new TemporaryStores();
afterEach(() => stores.cleanup());

/** Texts a hand-made array literal could get wrong: quotes, backslashes, braces, commas, blanks, NULL spelled out. */
const AWKWARD = ['plain', 'with "quotes"', 'back\\slash', '{braces}', 'a,b', ' spaced ', '', 'NULL', 'Ünïcödé ✓', 'tab\there'];

function setUp() {
  const s = stores.open();
  s.db.exec('CREATE TABLE batch_rows (n BIGINT NOT NULL, t TEXT NOT NULL, PRIMARY KEY (n, t))');
  const rows = new RowBatch(s.db, { table: 'batch_rows', columns: [['n', 'BIGINT'], ['t', 'TEXT']] });
  const all = () => (s.db.prepare('SELECT n, t FROM batch_rows ORDER BY n, t').all() as { n: number; t: string }[]).map((r) => [Number(r.n), r.t]);
  return { s, rows, all };
}

describe('rows written together', () => {
  it('adds every row as given, ignores rows already there, and removes rows by their whole key', () => {
    const { s, rows, all } = setUp();
    const big = 2 ** 47 + 3;
    const added = AWKWARD.map((t, i) => [i, t] as const);
    s.transaction(() => {
      rows.insert([...added, [big, 'x'], [-5, 'y']]);
      // One row already there, one twice in the call: neither is an error nor a second row.
      rows.insert([[0, 'plain'], [99, 'z'], [99, 'z']]);
    });
    const expected = [[-5, 'y'], ...added.map(([n, t]) => [n, t]), [99, 'z'], [big, 'x']];
    expect(all()).toEqual(expected);
    s.transaction(() => {
      rows.remove([[1, 'with "quotes"'], [2, 'back\\slash'], [3, 'not there'], [big, 'x']]);
      rows.remove([[6, '']]);
    });
    expect(all()).toEqual(expected.filter(([n]) => ![1, 2, 6, big].includes(n as number)));
  });

  it('is one statement per call on PostgreSQL and one per row on SQLite', () => {
    const { s, rows } = setUp();
    let statements = 0;
    const prepare = s.db.prepare.bind(s.db);
    // Counting after construction: the batch prepared its statements already, so wrap what they run instead.
    const counted = rows as unknown as Record<string, { run: (...a: unknown[]) => unknown }>;
    for (const k of ['insertOne', 'removeOne', 'insertMany', 'removeMany']) {
      const st = counted[k];
      if (st) counted[k] = { run: (...a: unknown[]) => (statements++, st.run(...a)) };
    }
    s.db.prepare = prepare;
    s.transaction(() => rows.insert([[1, 'a'], [2, 'b'], [3, 'c']]));
    expect(statements).toBe(dialectOf(s.db) === 'postgres' ? 1 : 3);
    statements = 0;
    s.transaction(() => rows.insert([[4, 'd']]));
    expect(statements).toBe(1);
    statements = 0;
    s.transaction(() => rows.insert([]));
    expect(statements).toBe(0);
  });

  it('refuses a value that is not an integer for a BIGINT column, naming it, and writes nothing', () => {
    const { s, rows, all } = setUp();
    expect(() => s.transaction(() => rows.insert([[1, 'a'], [1.5, 'b']]))).toThrow('Not an integer for the BIGINT column n of batch_rows: 1.5');
    expect(all()).toEqual([]);
  });
});
