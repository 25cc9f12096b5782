// Splits expression text into tokens (spec §1): references, literals, identifiers, operators.
import { ExpressionSyntaxError, positionAt } from './errors.ts';

/** Token kinds. */
export type TokenKind = 'attribute' | 'parameter' | 'variable' | 'string' | 'number' | 'identifier' | 'operator' | '(' | ')' | ',' | 'end';

/** One token with its span in the source text. */
export interface Token {
  readonly kind: TokenKind;
  /** Decoded text: a name, the string value, the operator, or the digits. */
  readonly text: string;
  /** Integer value of a number literal. */
  readonly number?: bigint;
  readonly start: number;
  readonly end: number;
}

const INT64_MAX = (1n << 63n) - 1n;
const OPERATORS = ['&&', '||', '<>', '<=', '>=', '&', '+', '-', '*', '/', '=', '<', '>'] as const;

/** Tokenizes the whole text; throws ExpressionSyntaxError on bad input. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const fail = (offset: number, message: string, expected: string[] = []): never => {
    throw new ExpressionSyntaxError(message, positionAt(text, offset), expected);
  };
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    const start = i;
    const ch = text[i];
    if (ch === '[' || ch === '%') {
      const close = ch === '[' ? ']' : '%';
      const j = text.indexOf(close, i + 1);
      if (j < 0) fail(start, `unterminated ${ch === '[' ? 'attribute reference' : 'parameter reference'}`, [`'${close}'`]);
      const name = text.slice(i + 1, j);
      if (name.length === 0) fail(start, `empty ${ch === '[' ? 'attribute' : 'parameter'} name`, ['a name']);
      tokens.push({ kind: ch === '[' ? 'attribute' : 'parameter', text: name, start, end: j + 1 });
      i = j + 1;
      continue;
    }
    if (ch === '$') {
      let j = i + 1;
      if (j >= n || !isIdentStart(text.charCodeAt(j))) fail(start, "a variable name must follow '$'", ['a variable name']);
      while (j < n && isIdentPart(text.charCodeAt(j))) j++;
      tokens.push({ kind: 'variable', text: text.slice(i + 1, j), start, end: j });
      i = j;
      continue;
    }
    if (ch === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= n) fail(start, 'unterminated string literal', ['\'"\'']);
        const d = text[j];
        if (d === '"') break;
        if (d === '\\' && j + 1 < n && (text[j + 1] === '\\' || text[j + 1] === '"')) {
          value += text[j + 1];
          j += 2;
          continue;
        }
        value += d;
        j++;
      }
      tokens.push({ kind: 'string', text: value, start, end: j + 1 });
      i = j + 1;
      continue;
    }
    if (c >= 48 && c <= 57) {
      let j = i;
      while (j < n && isDigit(text.charCodeAt(j))) j++;
      const digits = text.slice(i, j);
      const value = BigInt(digits);
      if (value > INT64_MAX) fail(start, `number ${digits} does not fit a 64-bit integer`);
      tokens.push({ kind: 'number', text: digits, number: value, start, end: j });
      i = j;
      continue;
    }
    if (ch === '&' && (text[i + 1] === 'H' || text[i + 1] === 'h') && i + 2 < n && isHex(text.charCodeAt(i + 2))) {
      let j = i + 2;
      while (j < n && isHex(text.charCodeAt(j))) j++;
      const hex = text.slice(i + 2, j);
      if (hex.length > 16) fail(start, `hex literal &H${hex} has more than 16 digits`);
      const value = BigInt.asIntN(64, BigInt(`0x${hex}`));
      tokens.push({ kind: 'number', text: text.slice(i, j), number: value, start, end: j });
      i = j;
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentPart(text.charCodeAt(j))) j++;
      tokens.push({ kind: 'identifier', text: text.slice(i, j), start, end: j });
      i = j;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: ch, text: ch, start, end: i + 1 });
      i++;
      continue;
    }
    if (ch === '/' && text[i + 1] === '/') fail(start, "comments are not supported ('//')");
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      tokens.push({ kind: 'operator', text: op, start, end: i + op.length });
      i += op.length;
      continue;
    }
    if (ch === '\u201c' || ch === '\u201d') fail(start, 'typographic quotes are not string delimiters; use straight quotes (")');
    fail(start, `unexpected character '${ch}'`);
  }
  tokens.push({ kind: 'end', text: '', start: n, end: n });
  return tokens;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isHex(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}
function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c);
}
