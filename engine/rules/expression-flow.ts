// The one place expression flows meet the expression language.
// Until the full language is wired in, a small reader covers attribute references, string literals and the
// flow keywords (NULL, AuthoritativeNull, IgnoreThisFlow, True, False); anything else is refused at validation.
import type { StoredValue } from '../model/stored-values.ts';
import { AUTHORITATIVE_NULL_FLOW, FlowError, IGNORE_FLOW, NULL_FLOW, type FlowInput, type FlowValue } from './flow-value.ts';

/** A compiled expression flow. */
export interface FlowExpression {
  readonly text: string;
  /** Attribute names the expression reads. */
  readonly attributes: readonly string[];
  evaluate(input: FlowInput): FlowValue;
}

/** Compiles an expression; throws FlowError (`expression-syntax`) naming the problem. */
export function compileFlowExpression(text: string): FlowExpression {
  const t = text.trim();
  const attr = /^\[([^\]]+)\]$/.exec(t);
  if (attr) {
    const name = attr[1];
    return { text, attributes: [name], evaluate: (input) => values(input.attributes[name]) };
  }
  const str = /^"((?:[^"]|"")*)"$/.exec(t);
  if (str) {
    const v = str[1].replace(/""/g, '"');
    return { text, attributes: [], evaluate: () => ({ kind: 'values', values: [v] }) };
  }
  const keyword = keywordValue(t);
  if (keyword) return { text, attributes: [], evaluate: () => keyword };
  const err = /^Error\("((?:[^"]|"")*)"\)$/.exec(t);
  if (err) {
    const message = err[1].replace(/""/g, '"');
    return {
      text,
      attributes: [],
      evaluate: () => {
        throw new FlowError('sync-rule-error-function-triggered', message);
      },
    };
  }
  throw new FlowError('expression-syntax', `Expression not supported by this engine build: ${text}`);
}

function keywordValue(t: string): FlowValue | null {
  switch (t) {
    case 'NULL':
      return NULL_FLOW;
    case 'AuthoritativeNull':
      return AUTHORITATIVE_NULL_FLOW;
    case 'IgnoreThisFlow':
      return IGNORE_FLOW;
    case 'True':
      return { kind: 'values', values: [true] };
    case 'False':
      return { kind: 'values', values: [false] };
    default:
      return null;
  }
}

function values(v: StoredValue[] | undefined): FlowValue {
  return v && v.length ? { kind: 'values', values: v } : NULL_FLOW;
}
