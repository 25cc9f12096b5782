// Keeps PostgreSQL's statistics of the store's tables in step with their size while a step fills them. The
// planner estimates from the statistics of the last ANALYZE; autovacuum runs one only after commits and a pause,
// and never sees rows a transaction has not committed yet. Until then a connector space that a first import fills
// from empty is costed as a table of a few pages where one connector is one row in two hundred, and a read of 64
// anchors walks every row of the connector. ANALYZE inside the transaction samples its own new rows, and the plans
// of the statements that read the table are made again.

/** The connection, as this keeper uses it. */
interface Connection {
  /** The first column of every row of a statement. */
  all(sql: string): string[];
  exec(sql: string): unknown;
}

/** Requests (reads and writes) between two checks of the tables' sizes; a check is one round trip. */
export const CHECK_EVERY = 2_000;

/**
 * The tables of the connection's schema that are more than twice the size (in pages, plus 32) they had at their
 * last ANALYZE; `relpages` is that size, 0 before the first.
 */
const GROWN_TABLES = `SELECT quote_ident(c.relname) FROM pg_class c
  WHERE c.relnamespace = to_regnamespace(current_schema()) AND c.relkind = 'r'
    AND pg_relation_size(c.oid) > current_setting('block_size')::bigint * (2 * greatest(c.relpages, 0) + 32)`;

/** Counts requests and, every CHECK_EVERY, analyzes the tables that doubled since their last ANALYZE. */
export class FreshStatistics {
  private requests = 0;
  private busy = false;
  /** How many ANALYZE statements ran, for tests and benchmarks. */
  analyzed = 0;

  constructor(private readonly run: Connection) {}

  /** Called after each request: a read the server answered or a write sent. */
  sent(): void {
    if (this.busy || ++this.requests < CHECK_EVERY) return;
    this.check();
  }

  /** Analyzes the grown tables now. */
  check(): void {
    this.requests = 0;
    this.busy = true;
    try {
      const grown = this.run.all(GROWN_TABLES);
      if (grown.length > 0) {
        this.run.exec(`ANALYZE ${grown.join(', ')}`);
        this.analyzed++;
      }
    } finally {
      this.busy = false;
    }
  }
}
