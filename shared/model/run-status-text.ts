// Run and step result strings (spec §14.1) in plain language, shared by the console and the engine's CSV files.

const PLAIN: Readonly<Record<string, string>> = {
  'in-progress': 'Running',
  success: 'Completed',
  'completed-no-objects': 'Completed, nothing to process',
  'completed-warnings': 'Completed with warnings',
  'completed-sync-errors': 'Completed with synchronization errors',
  'completed-export-errors': 'Completed with export errors',
  // The import staged what it could read; only the objects it could not read are missing, and nothing was obsoleted.
  'completed-discovery-errors': 'Completed with discovery errors (readable objects staged)',
  'completed-transient-objects': 'Completed with transient objects',
  'stopped-error-limit': 'Stopped: too many errors',
  'stopped-deletion-threshold-exceeded': 'Stopped: deletion threshold exceeded',
  'stopped-server-down': 'Stopped: server unreachable',
  'stopped-connectivity': 'Stopped: connection lost',
  'stopped-extension-dll-exception': 'Stopped: connector failure',
  'stopped-object-limit': 'Stopped: object limit reached',
  'stopped-database-connection-lost': 'Stopped: engine database unavailable',
  'stopped-user-termination-from-ui': 'Stopped by an operator (console)',
  'stopped-user-termination-from-cli': 'Stopped by an operator (command line)',
  'stopped-user-termination-from-scheduler': 'Stopped by the scheduler',
  'no-start-connection': 'Did not start: connection failed',
  'no-start-credentials': 'Did not start: credentials rejected',
  'no-start-ma-already-running': 'Did not start: connector already running',
  'no-start-unknown-profile-name': 'Did not start: unknown run profile',
};

/** Every result string with a plain text. */
export const KNOWN_RUN_STATUSES: readonly string[] = Object.keys(PLAIN);

/** The plain text of a result string; an unknown string stays as it is. */
export function runStatusText(status: string): string {
  return PLAIN[status] ?? status;
}
