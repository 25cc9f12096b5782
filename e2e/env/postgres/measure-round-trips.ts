// Measures PostgresDatabase's synchronous round trips against a private server and prints statements per second:
// `node --import tsx e2e/env/postgres/measure-round-trips.ts [seconds]`.
import { PostgresDatabase } from '../../../engine/store/sql/postgres-database.ts';
import { startPostgres } from './start-postgres.ts';

const seconds = Number(process.argv[2] ?? 3);

/** Runs `step` for about `seconds` and returns how many times per second it ran. */
function rate(step: (i: number) => void): number {
  const started = performance.now();
  let n = 0;
  while (performance.now() - started < seconds * 1000) {
    for (let k = 0; k < 100; k++) step(n++);
  }
  return Math.round(n / ((performance.now() - started) / 1000));
}

const server = await startPostgres();
try {
  const db = PostgresDatabase.connect({ url: server.url, schema: 'measure', name: 'measure' });
  db.exec('CREATE TABLE t (id bigint PRIMARY KEY, name text COLLATE "C" NOT NULL, n integer)');
  const select = db.prepare('SELECT 1 AS one');
  const byId = db.prepare('SELECT id, name, n FROM t WHERE id = ?');
  const insert = db.prepare('INSERT INTO t (id, name, n) VALUES (?, ?, ?)');
  let next = 0;
  const figures = {
    'SELECT 1, get()': rate(() => select.get()),
    'single-row INSERT inside a transaction (pipelined run)': 0,
    'single-row INSERT inside a transaction, reading changes (one round trip each)': 0,
    'single-row INSERT outside a transaction (autocommit)': rate(() => insert.run(next++, 'name', 1)),
    'SELECT by primary key, get()': 0,
    'iterate(), rows/s': 0,
  };
  db.transaction(() => {
    figures['single-row INSERT inside a transaction (pipelined run)'] = rate(() => insert.run(next++, 'name', 1));
    figures['single-row INSERT inside a transaction, reading changes (one round trip each)'] = rate(() => insert.run(next++, 'name', 1).changes);
  })();
  figures['SELECT by primary key, get()'] = rate((i) => byId.get(i % next));
  const started = performance.now();
  let rows = 0;
  for (const _row of db.prepare('SELECT id, name, n FROM t').iterate()) rows++;
  figures['iterate(), rows/s'] = Math.round(rows / ((performance.now() - started) / 1000));
  db.close();
  for (const [what, perSecond] of Object.entries(figures)) console.log(`${perSecond.toLocaleString('en-US').padStart(10)} /s  ${what}`);
} finally {
  await server.stop();
}
