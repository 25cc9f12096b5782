// Vitest global setup for IDSYNC_TEST_STORE=postgres: one private PostgreSQL server for the whole run, handed to
// the test processes as IDSYNC_STORE (`schema=auto`: each data directory gets a schema derived from its path).
import { postgresSkipReason } from './find-postgres.ts';
import { startPostgres } from './start-postgres.ts';

/** Starts the server before any test file and returns the teardown that stops it. */
export default async function setup(): Promise<() => Promise<void>> {
  const missing = postgresSkipReason();
  if (missing) throw new Error(`IDSYNC_TEST_STORE=postgres needs a PostgreSQL server: ${missing}`);
  const server = await startPostgres();
  process.env.IDSYNC_STORE = `${server.url}?schema=auto`;
  console.log(`store: PostgreSQL on 127.0.0.1:${server.port} (IDSYNC_STORE=${process.env.IDSYNC_STORE})`);
  return () => server.stop();
}
