// Errors the engine reports to its callers with a stable code (the service maps them to API errors).

/** A refused or failed engine operation: `code` is stable, `message` readable and free of secrets. */
export class EngineError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}
