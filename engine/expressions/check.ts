// Static checks for rule save (spec §1.9, §6.4): names, arity, enum words, variables, types that can never fit, schema.
import type { AttributeType } from '../model/values.ts';
import type { Node } from './ast.ts';
import { positionAt, type ExpressionErrorCode } from './errors.ts';
import { arity, type FunctionDef, type ParamSpec, type StaticType } from './function-def.ts';
import { lookupFunction, suggestFunction, unsupportedFunctions } from './registry.ts';

/** Diagnostic codes: the error codes plus schema findings. */
export type DiagnosticCode = ExpressionErrorCode | 'unknown-attribute';

/** One finding, positioned in the expression text. */
export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/** An attribute the expression may read. */
export interface SchemaAttribute {
  readonly type: AttributeType;
  readonly multiValued?: boolean;
}

/** Attribute name → definition, for checking `[name]` references. */
export type ExpressionSchema = ReadonlyMap<string, SchemaAttribute> | Readonly<Record<string, SchemaAttribute>>;

/** What `validate` checks against. */
export interface ValidateOptions {
  /** Attributes of the source object type; without it attribute names are not checked. */
  readonly schema?: ExpressionSchema;
  /** Defined parameter names (without `%`); without it parameter names are not checked. */
  readonly parameters?: readonly string[];
}

/** Codes that make an expression impossible to compile (as opposed to findings about types or the schema). */
export const STRUCTURAL_CODES: ReadonlySet<DiagnosticCode> = new Set(['syntax', 'unknown-function', 'unsupported-function', 'arity', 'bad-enum', 'unbound-variable', 'unknown-identifier', 'limit']);

type T = StaticType | 'null' | 'special';

const TYPE_NAMES: Record<T, string> = { str: 'String', num: 'Integer', bool: 'Boolean', bin: 'Binary', ref: 'Reference', dt: 'DateTime', any: 'any value', null: 'Null', special: 'a flow sentinel' };
const FROM_SCHEMA: Record<AttributeType, StaticType> = { string: 'str', integer: 'num', boolean: 'bool', binary: 'bin', datetime: 'dt', reference: 'ref' };
const CONSTANT_WORDS = ['True', 'False', 'NULL', 'AuthoritativeNull', 'IgnoreThisFlow', 'CRLF'];
/** Functions whose lazy arguments may be the flow sentinels, because they become the result. */
const RESULT_FORMS = new Set(['IIF', 'Switch', 'With']);

/** Checks a parsed expression; returns every finding, in text order. */
export function check(text: string, ast: Node, options: ValidateOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  const schema = options.schema;
  const lookupAttr = (name: string): SchemaAttribute | undefined =>
    schema instanceof Map ? schema.get(name) : Object.hasOwn(schema as object, name) ? (schema as Record<string, SchemaAttribute>)[name] : undefined;
  const schemaNames = () => (schema instanceof Map ? [...schema.keys()] : Object.keys(schema ?? {}));

  const report = (offset: number, code: DiagnosticCode, message: string, severity: Diagnostic['severity'] = 'error') => {
    const p = positionAt(text, offset);
    out.push({ severity, code, message, offset, line: p.line, column: p.column });
  };

  const attribute = (name: string, offset: number): T => {
    if (!schema || name === 'dn') return name === 'dn' ? 'str' : 'any';
    const def = lookupAttr(name);
    if (def) return FROM_SCHEMA[def.type] ?? 'any';
    const similar = schemaNames().find((n) => n.toLowerCase() === name.toLowerCase());
    report(offset, 'unknown-attribute', `attribute [${name}] is not in the schema${similar ? ` (did you mean [${similar}]? names are case-sensitive)` : ''}`);
    return 'any';
  };

  const mismatch = (t: T, accepted: readonly StaticType[]) => t !== 'any' && t !== 'null' && t !== 'special' && !accepted.includes('any') && !accepted.includes(t);

  const visit = (node: Node, scope: ReadonlySet<string>): T => {
    switch (node.kind) {
      case 'string':
        return 'str';
      case 'number':
        return 'num';
      case 'boolean':
        return 'bool';
      case 'constant':
        return node.name === 'NULL' ? 'null' : node.name === 'CRLF' ? 'str' : 'special';
      case 'attribute':
        return attribute(node.name, node.pos);
      case 'parameter':
        if (options.parameters && !options.parameters.includes(node.name)) report(node.pos, 'undefined-parameter', `parameter %${node.name}% is not defined`);
        return 'str';
      case 'variable':
        if (!scope.has(node.name)) report(node.pos, 'unbound-variable', `variable $${node.name} is not bound here (only inside Where, Select or With)`);
        return 'any';
      case 'identifier': {
        const constant = CONSTANT_WORDS.find((c) => c.toLowerCase() === node.name.toLowerCase());
        const fn = suggestFunction(node.name);
        const hint = constant ? ` (did you mean ${constant}?)` : fn ? ` (did you mean the function ${fn}(…)?)` : '';
        report(node.pos, 'unknown-identifier', `unknown name '${node.name}'${hint}`);
        return 'any';
      }
      case 'negate': {
        const t = operand(node.operand, scope, node.pos);
        if (mismatch(t, ['num'])) report(node.pos, 'type', `'-' needs an Integer, got ${TYPE_NAMES[t]}`);
        return 'num';
      }
      case 'binary': {
        const l = operand(node.left, scope, node.pos);
        const r = operand(node.right, scope, node.pos);
        binaryTypes(node.op, l, r, node.pos);
        return node.op === '&' ? 'str' : ['+', '-', '*', '/'].includes(node.op) ? 'num' : 'bool';
      }
      case 'call':
        return call(node, scope);
    }
  };

  const operand = (node: Node, scope: ReadonlySet<string>, opPos: number): T => {
    const t = visit(node, scope);
    if (t === 'special') report(opPos, 'special-value', 'AuthoritativeNull and IgnoreThisFlow cannot be operands');
    return t;
  };

  const binaryTypes = (op: string, l: T, r: T, pos: number) => {
    const definite = (t: T) => t !== 'any' && t !== 'null' && t !== 'special';
    if (op === '&') {
      for (const t of [l, r]) if (t === 'bin' || t === 'dt') report(pos, 'type', `'&' cannot concatenate ${TYPE_NAMES[t]}`);
    } else if (['+', '-', '*', '/'].includes(op)) {
      for (const t of [l, r]) if (mismatch(t, ['num'])) report(pos, 'type', `'${op}' needs Integers, got ${TYPE_NAMES[t]}${t === 'str' && op === '+' ? " (use '&' to join text)" : ''}`);
    } else if (op === '=' || op === '<>') {
      const textual = (t: T) => t === 'str' || t === 'ref';
      if (definite(l) && definite(r) && l !== r && !(textual(l) && textual(r))) report(pos, 'type', `cannot compare ${TYPE_NAMES[l]} with ${TYPE_NAMES[r]}`);
    } else if (op === '&&' || op === '||') {
      for (const t of [l, r]) if (mismatch(t, ['bool'])) report(pos, 'type', `'${op}' needs Booleans, got ${TYPE_NAMES[t]} (wrap it in CBool)`);
    } else {
      for (const t of [l, r]) if (mismatch(t, ['str', 'num', 'dt'])) report(pos, 'type', `'${op}' cannot order ${TYPE_NAMES[t]}`);
      if (definite(l) && definite(r) && l !== r) report(pos, 'type', `cannot order ${TYPE_NAMES[l]} against ${TYPE_NAMES[r]}`);
    }
  };

  const call = (node: Extract<Node, { kind: 'call' }>, scope: ReadonlySet<string>): T => {
    const def = lookupFunction(node.name);
    if (!def) {
      if (unsupportedFunctions.has(node.name)) report(node.pos, 'unsupported-function', `unsupported function ${node.name} (undocumented in the product; not implemented)`);
      else {
        const hint = suggestFunction(node.name);
        report(node.pos, 'unknown-function', `unknown function ${node.name}${hint ? ` (did you mean ${hint}? function names are case-sensitive)` : ''}`);
      }
      for (const a of node.args) visit(a, scope);
      return 'any';
    }
    const { min, max } = arity(def);
    const n = node.args.length;
    if (n < min || n > max || (def.repeatPairs && n % 2 !== 0)) {
      const expected = def.repeatPairs ? 'an even number of arguments (condition, value pairs)' : min === max ? `${min} argument${min === 1 ? '' : 's'}` : `${min} to ${max} arguments`;
      report(node.pos, 'arity', `${def.name} takes ${expected}, got ${n}`);
    }
    const bindsVariable = def.params[0]?.shape === 'variable';
    const inner = new Set(scope);
    if (bindsVariable && node.args[0]?.kind === 'variable') inner.add(node.args[0].name);
    const types: T[] = node.args.map((arg, i) => {
      const p = paramAt(def, i);
      if (!p) return visit(arg, scope);
      if (p.shape === 'variable') {
        if (arg.kind !== 'variable') report(arg.pos, 'type', `${def.name}: argument ${i + 1} must be a $variable`);
        return 'any';
      }
      if (p.shape === 'enum' && (arg.kind === 'identifier' || arg.kind === 'string')) {
        const word = arg.kind === 'identifier' ? arg.name : arg.value;
        if (!p.enumValues?.some((e) => e.toLowerCase() === word.toLowerCase())) report(arg.pos, 'bad-enum', `${def.name}: '${word}' is not one of ${p.enumValues?.join(', ')}`);
        return 'str';
      }
      const isBody = bindsVariable && i === node.args.length - 1;
      const t = visit(arg, isBody ? inner : scope);
      if (t === 'special' && !(RESULT_FORMS.has(def.name) && p.shape === 'lazy')) report(arg.pos, 'special-value', `${node.name}: AuthoritativeNull and IgnoreThisFlow cannot be arguments here`);
      else if (mismatch(t, p.types)) report(arg.pos, 'type', `${def.name}: argument ${i + 1} (${p.name}) must be ${p.types.map((x) => TYPE_NAMES[x]).join(' or ')}, got ${TYPE_NAMES[t]}`);
      if ((def.name === 'ImportedValue' || def.name === 'ValueCount') && arg.kind === 'string' && schema) attribute(arg.value, arg.pos);
      return t;
    });
    if (def.name === 'IIF') return merge([types[1], types[2]]);
    if (def.name === 'Switch') return merge(types.filter((_, i) => i % 2 === 1));
    if (def.name === 'With') return types[2] ?? 'any';
    return def.returns;
  };

  visit(ast, new Set());
  return out.sort((a, b) => a.offset - b.offset);
}

function paramAt(def: FunctionDef, i: number): ParamSpec | undefined {
  if (def.repeatPairs) return def.params[i % 2];
  return def.params[i];
}

/** The common type of alternative results (Null and sentinels fit anything). */
function merge(types: (T | undefined)[]): T {
  const data = types.filter((t): t is T => t !== undefined && t !== 'null' && t !== 'special');
  if (data.length === 0) return types.includes('special') ? 'special' : 'null';
  return data.every((t) => t === data[0]) ? data[0] : 'any';
}
