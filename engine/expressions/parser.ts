// Recursive-descent parser for the grammar of spec §2.3 (three operator tiers, left-associative).
import type { BinaryOperator, ConstantName, Node } from './ast.ts';
import { ExpressionSyntaxError, positionAt } from './errors.ts';
import { tokenize, type Token } from './lexer.ts';

/** Deepest tree the parser accepts; keeps compilation and evaluation far from the JS stack limit. */
export const MAX_DEPTH = 400;

const LOGICAL = new Set(['&&', '||']);
const COMPARISON = new Set(['=', '<>', '<', '<=', '>', '>=']);
const ARITHMETIC = new Set(['&', '+', '-', '*', '/']);
const CONSTANTS = new Set<string>(['NULL', 'AuthoritativeNull', 'IgnoreThisFlow', 'CRLF']);
const OPERAND = ['a value', 'an attribute', 'a function call', "'('"];

/** Parses expression text into a syntax tree; throws ExpressionSyntaxError with line, column and what was expected. */
export function parse(text: string): Node {
  return new Parser(text).parseAll();
}

class Parser {
  private readonly tokens: Token[];
  private i = 0;
  private depth = 0;

  constructor(private readonly text: string) {
    this.tokens = tokenize(text);
  }

  parseAll(): Node {
    if (this.peek().kind === 'end') this.fail(this.peek(), 'empty expression', OPERAND);
    const node = this.logical();
    const t = this.peek();
    if (t.kind !== 'end') this.fail(t, `unexpected ${describe(t)} after a complete expression`, ['an operator', 'end of expression']);
    return node;
  }

  private logical(): Node {
    return this.chain(LOGICAL, () => this.comparison());
  }

  private comparison(): Node {
    return this.chain(COMPARISON, () => this.arithmetic());
  }

  private arithmetic(): Node {
    return this.chain(ARITHMETIC, () => this.unary());
  }

  /** A left-associative chain of equal-priority operators. */
  private chain(ops: Set<string>, operand: () => Node): Node {
    let left = operand();
    const saved = this.depth;
    try {
      for (;;) {
        const t = this.peek();
        if (t.kind !== 'operator' || !ops.has(t.text)) return left;
        this.i++;
        // A left-deep chain nests one level per operator.
        if (++this.depth > MAX_DEPTH) this.fail(t, `expression nests deeper than ${MAX_DEPTH} levels`, []);
        const right = operand();
        left = { kind: 'binary', op: t.text as BinaryOperator, left, right, pos: t.start };
      }
    } finally {
      this.depth = saved;
    }
  }

  private unary(): Node {
    const t = this.peek();
    if (t.kind === 'operator' && t.text === '-') {
      this.i++;
      return { kind: 'negate', operand: this.primary(), pos: t.start };
    }
    return this.primary();
  }

  private primary(): Node {
    const t = this.next();
    switch (t.kind) {
      case 'string':
        return { kind: 'string', value: t.text, pos: t.start };
      case 'number':
        return { kind: 'number', value: t.number!, pos: t.start };
      case 'attribute':
        return { kind: 'attribute', name: t.text, pos: t.start };
      case 'parameter':
        return { kind: 'parameter', name: t.text, pos: t.start };
      case 'variable':
        return { kind: 'variable', name: t.text, pos: t.start };
      case '(': {
        const inner = this.nested(() => this.logical());
        this.expect(')', ["')'", 'an operator']);
        return inner;
      }
      case 'identifier': {
        if (this.peek().kind === '(') return this.call(t);
        if (t.text === 'True' || t.text === 'False') return { kind: 'boolean', value: t.text === 'True', pos: t.start };
        if (CONSTANTS.has(t.text)) return { kind: 'constant', name: t.text as ConstantName, pos: t.start };
        return { kind: 'identifier', name: t.text, pos: t.start };
      }
      default:
        return this.fail(t, `unexpected ${describe(t)}`, OPERAND);
    }
  }

  private call(name: Token): Node {
    this.i++; // '('
    const args: Node[] = [];
    if (this.peek().kind === ')') {
      this.i++;
      return { kind: 'call', name: name.text, args, pos: name.start };
    }
    for (;;) {
      if (this.peek().kind === ',' || this.peek().kind === ')') this.fail(this.peek(), 'missing argument', OPERAND);
      args.push(this.nested(() => this.logical()));
      const t = this.next();
      if (t.kind === ')') break;
      if (t.kind !== ',') this.fail(t, `unexpected ${describe(t)} in the arguments of ${name.text}`, ["','", "')'", 'an operator']);
    }
    return { kind: 'call', name: name.text, args, pos: name.start };
  }

  private nested(parse: () => Node): Node {
    if (++this.depth > MAX_DEPTH) this.fail(this.peek(), `expression nests deeper than ${MAX_DEPTH} levels`, []);
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private expect(kind: Token['kind'], expected: string[]): Token {
    const t = this.next();
    if (t.kind !== kind) this.fail(t, `unexpected ${describe(t)}`, expected);
    return t;
  }

  private peek(): Token {
    return this.tokens[this.i];
  }

  private next(): Token {
    const t = this.tokens[this.i];
    if (t.kind !== 'end') this.i++;
    return t;
  }

  private fail(t: Token, message: string, expected: string[]): never {
    const suffix = expected.length > 0 ? `; expected ${expected.join(' or ')}` : '';
    throw new ExpressionSyntaxError(message + suffix, positionAt(this.text, t.start), expected);
  }
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'end':
      return 'end of expression';
    case 'string':
      return 'string literal';
    case 'number':
      return `number ${t.text}`;
    case 'attribute':
      return `attribute [${t.text}]`;
    case 'parameter':
      return `parameter %${t.text}%`;
    case 'variable':
      return `variable $${t.text}`;
    case 'identifier':
      return `name '${t.text}'`;
    default:
      return `'${t.text}'`;
  }
}
