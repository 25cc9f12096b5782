// How commands report: one JSON document with --json, readable text otherwise.

/** Options every reporting command accepts. */
export interface OutputOptions {
  json?: boolean;
}

/** Prints `value` as JSON when asked, else the human text produced by `human`. */
export function report<T>(opts: OutputOptions, value: T, human: (v: T) => string): void {
  if (opts.json) process.stdout.write(`${JSON.stringify(value, jsonReplacer)}\n`);
  else process.stdout.write(`${human(value)}\n`);
}

/**
 * Ends the process quietly when the reader of stdout or stderr has gone (`idsync … | head`): a closed pipe is
 * the reader's choice, not a failure worth a stack trace.
 */
export function exitQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
      process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    });
  }
}

/** JSON.stringify replacer that keeps bigint and binary values readable. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return { base64: Buffer.from(value).toString('base64') };
  return value;
}

/** A user-facing failure: printed without a stack, exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
