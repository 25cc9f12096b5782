// Maps what a connector throws to a step result (spec §14.1).
import type { RunStatus } from '../../shared/model/runs.ts';
import { ConnectivityError, CredentialsError } from '../connectors/contract.ts';

/** The step status and message for an exception thrown by a connector. */
export function connectorFailure(err: unknown): { status: RunStatus; message: string } {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof ConnectivityError) return { status: 'stopped-connectivity', message };
  if (err instanceof CredentialsError) return { status: 'no-start-credentials', message };
  return { status: 'stopped-extension-dll-exception', message };
}
