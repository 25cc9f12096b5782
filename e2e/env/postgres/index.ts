// Test environment: private PostgreSQL servers.
export { findPostgres, postgresSkipReason, type PostgresBinaries } from './find-postgres.ts';
export { startPostgres, type PostgresInstance, type StartPostgresOptions } from './start-postgres.ts';
