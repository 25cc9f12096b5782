// Which store the engine's tests run against: SQLite files (the default), or PostgreSQL when the suite runs with
// IDSYNC_STORE=postgres://… (the second pass of `npm test`). Tests of SQLite's own files and pragmas skip there.
import { isPostgresUrl } from '../store/store-location.ts';

/** True when this test run stores in PostgreSQL. */
export const onPostgres = isPostgresUrl(process.env.IDSYNC_STORE);

/** For `it.skipIf(sqliteOnly(...))`: true on PostgreSQL, printing why the test does not apply there. */
export function sqliteOnly(what: string): boolean {
  if (onPostgres) console.log(`skipped on PostgreSQL: ${what} is about the SQLite file itself`);
  return onPostgres;
}

/** For `it.skipIf(postgresOnly(...))`: true on SQLite, printing why the test applies to PostgreSQL only. */
export function postgresOnly(why: string): boolean {
  if (!onPostgres) console.log(`skipped on SQLite: ${why}`);
  return !onPostgres;
}
