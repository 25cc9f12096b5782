// The `$filter` subset the emulator understands: `eq`, `startswith`, `any` lambdas on collections,
// `and`/`or` and parentheses. String comparisons are case-insensitive, as in the directory.
import { GraphFault } from './graph-fault.ts';

/** Reads a property of the object being tested (`id` included). */
export type Getter = (property: string) => unknown;
export type Predicate = (get: Getter) => boolean;

/** An equality the directory can answer from an index: `prop eq v` or `prop/any(x:x eq v)`. */
export interface Lookup {
  readonly property: string;
  readonly value: unknown;
}

/** A parsed filter; `lookups` is set when it is only an `or` of equalities, so indexes can find the candidates. */
export interface FilterPlan {
  readonly predicate: Predicate;
  readonly lookups?: readonly Lookup[];
}

type Part = Predicate & { lookups?: Lookup[] };

function withLookup(predicate: Predicate, property: string, value: unknown): Part {
  return Object.assign(predicate, { lookups: [{ property, value }] });
}

type Token = { kind: 'str'; value: string } | { kind: 'word'; value: string } | { kind: 'punct'; value: string };

function unsupported(filter: string, why: string): GraphFault {
  return new GraphFault(400, 'Request_UnsupportedQuery', `Unsupported or invalid query filter clause specified (${why}): ${filter}`);
}

function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < filter.length) {
    const c = filter[i]!;
    if (c === ' ') { i++; continue; }
    if ('(),:/'.includes(c)) { tokens.push({ kind: 'punct', value: c }); i++; continue; }
    if (c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= filter.length) throw unsupported(filter, 'unterminated string');
        if (filter[i] === "'") {
          if (filter[i + 1] === "'") { value += "'"; i += 2; continue; }
          i++;
          break;
        }
        value += filter[i++];
      }
      tokens.push({ kind: 'str', value });
      continue;
    }
    const m = /^[A-Za-z0-9_.@-]+/.exec(filter.slice(i));
    if (!m) throw unsupported(filter, `unexpected '${c}'`);
    tokens.push({ kind: 'word', value: m[0] });
    i += m[0].length;
  }
  return tokens;
}

function literal(token: Token | undefined, filter: string): unknown {
  if (!token) throw unsupported(filter, 'missing value');
  if (token.kind === 'str') return token.value;
  if (token.kind === 'word') {
    if (token.value === 'true') return true;
    if (token.value === 'false') return false;
    if (token.value === 'null') return null;
    if (/^-?\d+$/.test(token.value)) return Number(token.value);
  }
  throw unsupported(filter, `bad value '${token.value}'`);
}

function equals(actual: unknown, expected: unknown): boolean {
  if (typeof actual === 'string' && typeof expected === 'string') return actual.toLowerCase() === expected.toLowerCase();
  return (actual ?? null) === expected;
}

/** Parses a `$filter` expression into a predicate; unsupported syntax is a 400 `Request_UnsupportedQuery`. */
export function parseFilter(filter: string): Predicate {
  return planFilter(filter).predicate;
}

/** Parses a `$filter` expression into a predicate plus index lookups when it allows them. */
export function planFilter(filter: string): FilterPlan {
  const tokens = tokenize(filter);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const expect = (value: string): void => {
    const t = tokens[pos++];
    if (!t || t.value !== value) throw unsupported(filter, `expected '${value}'`);
  };

  const orExpr = (): Part => {
    const parts: Part[] = [andExpr()];
    while (peek()?.kind === 'word' && peek()!.value === 'or') { pos++; parts.push(andExpr()); }
    if (parts.length === 1) return parts[0]!;
    const combined: Part = (p) => parts.some((f) => f(p));
    if (parts.every((f) => f.lookups)) combined.lookups = parts.flatMap((f) => f.lookups!);
    return combined;
  };
  const andExpr = (): Part => {
    const parts: Part[] = [factor()];
    while (peek()?.kind === 'word' && peek()!.value === 'and') { pos++; parts.push(factor()); }
    return parts.length === 1 ? parts[0]! : (p) => parts.every((f) => f(p));
  };
  const factor = (): Part => {
    const t = tokens[pos++];
    if (!t) throw unsupported(filter, 'unexpected end');
    if (t.kind === 'punct' && t.value === '(') { const inner = orExpr(); expect(')'); return inner; }
    if (t.kind !== 'word') throw unsupported(filter, `unexpected '${t.value}'`);
    if (t.value === 'startswith') {
      expect('(');
      const prop = tokens[pos++]!.value;
      expect(',');
      const prefix = String(literal(tokens[pos++], filter)).toLowerCase();
      expect(')');
      return (get) => { const v = get(prop); return typeof v === 'string' && v.toLowerCase().startsWith(prefix); };
    }
    const prop = t.value;
    if (peek()?.value === '/') {
      pos++;
      const fn = tokens[pos++]?.value;
      if (fn !== 'any') throw unsupported(filter, `lambda '${fn}'`);
      expect('(');
      const variable = tokens[pos++]!.value;
      expect(':');
      if (tokens[pos++]?.value !== variable) throw unsupported(filter, 'lambda variable');
      const op = tokens[pos++]?.value;
      if (op !== 'eq') throw unsupported(filter, `operator '${op}'`);
      const value = literal(tokens[pos++], filter);
      expect(')');
      return withLookup((get) => { const v = get(prop); return Array.isArray(v) && v.some((x) => equals(x, value)); }, prop, value);
    }
    const op = tokens[pos++]?.value;
    if (op !== 'eq') throw unsupported(filter, `operator '${op ?? ''}'`);
    const value = literal(tokens[pos++], filter);
    return withLookup((get) => equals(get(prop), value), prop, value);
  };

  const predicate = orExpr();
  if (pos !== tokens.length) throw unsupported(filter, 'trailing input');
  return { predicate, lookups: predicate.lookups };
}
