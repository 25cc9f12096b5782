// The error a caller sees when an API call fails: stable code, readable message, detail behind a toggle.

/** A failed API call, as thrown by every client of the contract. */
export class ApiCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}
