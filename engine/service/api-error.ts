// Errors as they cross the API: a code, a readable message and, behind a toggle, the detail.
import type { ApiErrorShape } from '../../shared/api.ts';
import { ZodError } from 'zod';
import { EngineBusyError } from './lock.ts';

/** An error with a stable code, for the console and CLI to show. */
export class ApiError extends Error implements ApiErrorShape {
  constructor(
    readonly code: string,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

/** Converts anything thrown by a handler into the shape sent to clients. */
export function toApiError(err: unknown, method: string): ApiErrorShape {
  if (err instanceof ApiError) return { code: err.code, message: err.message, detail: err.detail };
  if (err instanceof EngineBusyError) return { code: 'engine-busy', message: err.message };
  if (err instanceof ZodError) {
    const issues = err.issues.map((i) => `${i.path.join('.') || '(request)'}: ${i.message}`);
    return { code: 'invalid-request', message: `Invalid request for ${method}: ${issues.join('; ')}` };
  }
  if (err instanceof Error) return { code: 'unexpected-error', message: err.message, detail: err.stack };
  return { code: 'unexpected-error', message: String(err) };
}
