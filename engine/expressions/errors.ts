// Typed failures of the expression language; every one carries the position it refers to.

/** A place in the expression text: 0-based offset, 1-based line and column. */
export interface SourcePosition {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/** What kind of failure an error reports. */
export type ExpressionErrorCode =
  | 'syntax'
  | 'unknown-function'
  | 'unsupported-function'
  | 'arity'
  | 'bad-enum'
  | 'unbound-variable'
  | 'unknown-identifier'
  | 'type'
  | 'range'
  | 'undefined-parameter'
  | 'special-value'
  | 'user-error'
  | 'limit'
  | 'internal';

/** Base class of every error the expression language raises. */
export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly code: ExpressionErrorCode,
    readonly position: SourcePosition,
  ) {
    super(`${message} (line ${position.line}, column ${position.column})`);
    this.name = 'ExpressionError';
  }
  /** 1-based line of the position. */
  get line(): number {
    return this.position.line;
  }
  /** 1-based column of the position. */
  get column(): number {
    return this.position.column;
  }
  /** The message without the position suffix. */
  get detail(): string {
    return this.message.replace(/ \(line \d+, column \d+\)$/, '');
  }
}

/** The text does not follow the grammar. */
export class ExpressionSyntaxError extends ExpressionError {
  constructor(
    message: string,
    position: SourcePosition,
    readonly expected: readonly string[],
  ) {
    super(message, 'syntax', position);
    this.name = 'ExpressionSyntaxError';
  }
}

/** The text parses but cannot be compiled (unknown function, wrong arity, bad enum name, unbound variable). */
export class ExpressionCompileError extends ExpressionError {
  constructor(message: string, code: ExpressionErrorCode, position: SourcePosition) {
    super(message, code, position);
    this.name = 'ExpressionCompileError';
  }
}

/** Evaluation failed for one object (type mismatch, out of range, `Error()`, …). */
export class ExpressionEvaluationError extends ExpressionError {
  constructor(message: string, code: ExpressionErrorCode, position: SourcePosition) {
    super(message, code, position);
    this.name = 'ExpressionEvaluationError';
  }
}

/** Computes line and column of `offset` in `text`. */
export function positionAt(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset, line, column: offset - lineStart + 1 };
}
