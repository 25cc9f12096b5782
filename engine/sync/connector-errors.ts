// Maps what a connector throws to a step result (spec §14.1), and words the problems a connector reports.
import type { RunStatus } from '../../shared/model/runs.ts';
import { ConnectivityError, CredentialsError, type ImportProblem } from '../connectors/contract.ts';

/** The connected system could not be reached before the step exchanged anything with it (→ no-start-connection). */
export class NotStartedError extends ConnectivityError {}

/** The step status and message for an exception thrown by a connector. */
export function connectorFailure(err: unknown): { status: RunStatus; message: string } {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof NotStartedError) return { status: 'no-start-connection', message };
  if (err instanceof ConnectivityError) return { status: 'stopped-connectivity', message };
  if (err instanceof CredentialsError) return { status: 'no-start-credentials', message };
  return { status: 'stopped-extension-dll-exception', message };
}

/** A problem's message led by its location, once (a connector may already have put the location in front). */
export function problemText(problem: Pick<ImportProblem, 'location' | 'message'>): string {
  const { location, message } = problem;
  if (!location || message.startsWith(`${location}:`) || message.startsWith(`${location} `)) return message;
  return `${location}: ${message}`;
}
