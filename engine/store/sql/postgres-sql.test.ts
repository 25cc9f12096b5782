import { describe, expect, it } from 'vitest';
import { toPostgresSql, UntranslatableSqlError } from './postgres-sql.ts';

const text = (sql: string) => toPostgresSql(sql).text;
const failure = (sql: string, parameters = true): UntranslatableSqlError => {
  try {
    toPostgresSql(sql, { parameters });
  } catch (error) {
    expect(error).toBeInstanceOf(UntranslatableSqlError);
    return error as UntranslatableSqlError;
  }
  throw new Error(`no error for: ${sql}`);
};

describe('toPostgresSql', () => {
  it('numbers ? placeholders in order and counts them', () => {
    const r = toPostgresSql('SELECT * FROM t WHERE a = ? AND b IN (?, ?) LIMIT ?');
    expect(r.text).toBe('SELECT * FROM t WHERE a = $1 AND b IN ($2, $3) LIMIT $4');
    expect(r.parameters).toBe(4);
  });

  it('leaves ? inside string literals, quoted identifiers, comments and dollar quotes alone', () => {
    expect(text(`SELECT 'a?''?b', "c?d" FROM t -- why?\nWHERE x = ? /* and ? */ AND y = $q$?$q$ AND z = E'\\'?'`)).toBe(
      `SELECT 'a?''?b', "c?d" FROM t -- why?\nWHERE x = $1 /* and ? */ AND y = $q$?$q$ AND z = E'\\'?'`,
    );
  });

  it('turns INSERT OR IGNORE into ON CONFLICT DO NOTHING at the end of the statement', () => {
    expect(text('INSERT OR IGNORE INTO mv_refs (to_mv, from_mv) VALUES (?,?)')).toBe('INSERT INTO mv_refs (to_mv, from_mv) VALUES ($1,$2) ON CONFLICT DO NOTHING');
    expect(text('insert or ignore into t (a) values (?);  ')).toBe('insert into t (a) values ($1) ON CONFLICT DO NOTHING;  ');
    expect(text('INSERT OR IGNORE INTO t (a) SELECT x FROM u WHERE y IN (1, 2) -- note\n')).toBe('INSERT INTO t (a) SELECT x FROM u WHERE y IN (1, 2) ON CONFLICT DO NOTHING -- note\n');
  });

  it('puts ON CONFLICT DO NOTHING before RETURNING, and handles each statement of a script', () => {
    expect(text('INSERT OR IGNORE INTO t (a) VALUES (?) RETURNING id')).toBe('INSERT INTO t (a) VALUES ($1) ON CONFLICT DO NOTHING RETURNING id');
    expect(toPostgresSql("INSERT OR IGNORE INTO t VALUES (1); INSERT INTO u VALUES ('returning'); INSERT OR IGNORE INTO v VALUES (2)", { parameters: false }).text).toBe(
      "INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING; INSERT INTO u VALUES ('returning'); INSERT INTO v VALUES (2) ON CONFLICT DO NOTHING",
    );
  });

  it('compares with IS ? / IS NOT ? as NOT DISTINCT / DISTINCT FROM, keeping IS NULL', () => {
    expect(text('SELECT 1 FROM t WHERE a IS ? AND b IS NOT ? AND c IS NULL AND d IS NOT NULL AND e = ?')).toBe(
      'SELECT 1 FROM t WHERE a IS NOT DISTINCT FROM $1 AND b IS DISTINCT FROM $2 AND c IS NULL AND d IS NOT NULL AND e = $3',
    );
  });

  it('makes LIKE case-insensitive as in SQLite, and ifnull coalesce', () => {
    expect(text("SELECT ifnull(a, 0), IFNULL (b, '') FROM t WHERE dn LIKE ? ESCAPE '\\' AND state NOT like 'x%' AND note = 'LIKE'")).toBe(
      "SELECT coalesce(a, 0), coalesce (b, '') FROM t WHERE dn ILIKE $1 ESCAPE '\\' AND state NOT ILIKE 'x%' AND note = 'LIKE'",
    );
  });

  it('leaves portable SQL unchanged', () => {
    const sql = "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value RETURNING \"id\", 'x'::text";
    expect(text(sql)).toBe(sql.replace('?, ?', '$1, $2'));
  });

  it('says which statements a cursor can stream', () => {
    expect(toPostgresSql('SELECT 1').cursorable).toBe(true);
    expect(toPostgresSql(' values (1)').cursorable).toBe(true);
    expect(toPostgresSql('WITH x AS (SELECT 1 AS a) SELECT a FROM x').cursorable).toBe(true);
    expect(toPostgresSql('WITH x AS (SELECT 1 AS a) DELETE FROM t WHERE id IN (SELECT a FROM x)').cursorable).toBe(false);
    expect(toPostgresSql('INSERT INTO t VALUES (1) RETURNING id').cursorable).toBe(false);
  });

  it.each([
    ['INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)', 'INSERT OR REPLACE', 0],
    ['REPLACE INTO meta VALUES (1)', 'REPLACE INTO', 0],
    ['SELECT rowid, name FROM t', 'rowid', 7],
    ['PRAGMA data_version', 'PRAGMA', 0],
    ["SELECT datetime('now')", 'datetime()', 7],
    ["SELECT julianday(a) - julianday(b) FROM t", 'julianday()', 7],
    ["SELECT strftime('%Y', a) FROM t", 'strftime()', 7],
    ['SELECT group_concat(name) FROM t', 'group_concat()', 7],
    ["SELECT json_extract(attrs, '$.a') FROM t", 'json_extract()', 7],
    ['SELECT * FROM t WHERE name = ? COLLATE NOCASE', 'COLLATE NOCASE', 31],
    ['INSERT OR IGNORE INTO t VALUES (1) ON CONFLICT (a) DO NOTHING', 'INSERT OR IGNORE with an ON CONFLICT clause', 35],
  ])('names the untranslatable construct in %s', (sql, construct, position) => {
    const error = failure(sql);
    expect(error.construct).toBe(construct);
    expect(error.position).toBe(position);
    expect(error.message).toContain(`PostgreSQL cannot run the SQLite construct ${construct} (at character ${position + 1} of: `);
  });

  it('does not mistake names that merely contain a construct for it', () => {
    const sql = "SELECT content_rowid, json_text, \"rowid\", 'PRAGMA', strftime_col FROM t WHERE note = 'datetime(x)'";
    expect(text(sql)).toBe(sql);
  });

  it('refuses parameters in scripts and unterminated quotes, naming the position', () => {
    expect(failure('DELETE FROM t WHERE a = ?', false).construct).toBe('`?` parameter');
    expect(failure("SELECT 'abc").message).toContain('unterminated string literal');
    expect(failure('SELECT 1 /* open').message).toContain('unterminated comment');
    expect(failure('SELECT ?1').construct).toBe('numbered parameter ?1');
  });

  it('keeps long SQL to 200 characters in its errors', () => {
    const error = failure(`PRAGMA x; SELECT '${'s'.repeat(500)}'`);
    expect(error.message).toMatch(/s{150,200}…\): keep settings/);
    expect(error.message).not.toMatch(/s{201}/);
  });
});
