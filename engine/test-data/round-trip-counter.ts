// A test helper: counts the requests PostgreSQL stores send to their server, for tests that check a search costs
// one round trip. It counts at the connection class, so it sees stores a test cannot reach (a service's own).
import { PostgresDatabase } from '../store/sql/postgres-database.ts';

/** Counts the requests every PostgreSQL store waits for from here on (its round trips; pipelined statements are not counted) until `stop`. */
export function countRoundTrips(): { count: () => number; stop: () => void } {
  const send = PostgresDatabase.prototype.request;
  let n = 0;
  PostgresDatabase.prototype.request = function (this: PostgresDatabase, ...args: Parameters<PostgresDatabase['request']>) {
    n++;
    return send.apply(this, args);
  };
  return { count: () => n, stop: () => void (PostgresDatabase.prototype.request = send) };
}
