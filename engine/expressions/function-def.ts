// How a function of the language is described: data the compiler, the validator and the docs all read.
import type { Node } from './ast.ts';
import type { SourcePosition } from './errors.ts';
import type { Value } from './values.ts';
import type { EvaluationContext } from './context.ts';

/** Function groups, as the product documentation groups them. */
export type Category =
  | 'Certificate'
  | 'Conversion'
  | 'Date/Time'
  | 'Directory'
  | 'Evaluation'
  | 'Math'
  | 'Multi-valued'
  | 'Program Flow'
  | 'Text'
  | 'Source object';

/** Static types used for validation; `any` accepts everything. */
export type StaticType = 'str' | 'num' | 'bool' | 'bin' | 'ref' | 'dt' | 'any';

/**
 * How an argument is passed:
 * - `scalar`: a list lifts the call (spec §4.4); Null skips the call unless `nullable`.
 * - `collection`: passed as is (list, scalar or Null).
 * - `enum`: a scalar naming one of `enumValues` (bare word or string).
 * - `variable`: a `$name` bound by the construct (Where, Select, With).
 * - `lazy`: compiled but evaluated by the function itself (IIF branches, Switch, Where/Select bodies).
 */
export type ParamShape = 'scalar' | 'collection' | 'enum' | 'variable' | 'lazy';

/** One parameter of a function. */
export interface ParamSpec {
  readonly name: string;
  readonly types: readonly StaticType[];
  readonly shape?: ParamShape;
  readonly optional?: boolean;
  /** The implementation receives Null instead of the call being skipped. */
  readonly nullable?: boolean;
  readonly enumValues?: readonly string[];
}

/** Where a call sits in the text, for error messages. */
export interface CallSite {
  readonly name: string;
  readonly position: SourcePosition;
}

/** Evaluates one compiled sub-expression. `vars` holds the variable slots of With/Where/Select. */
export type Compiled = (ctx: EvaluationContext, vars: Value[]) => Value;

/** Lets a special form bind variables: returns the slot of `$name` inside the body being compiled. */
export interface FormCompiler {
  compile(node: Node): Compiled;
  /** Compiles `body` with `$name` bound to a fresh slot; returns the slot index and the body. */
  compileWithVariable(name: string, body: Node): { slot: number; body: Compiled };
}

/** A function of the expression language. */
export interface FunctionDef {
  readonly name: string;
  readonly category: Category;
  /** Signature lines in the documentation's notation, e.g. `str Left(str string, num NumChars)`. */
  readonly signatures: readonly string[];
  /** One-line description. */
  readonly doc: string;
  readonly params: readonly ParamSpec[];
  /** Extra arguments allowed beyond `params` repeat the last two parameters (Switch pairs). */
  readonly repeatPairs?: boolean;
  readonly returns: StaticType;
  /** Ordinary functions: called with evaluated (and, for scalar params, de-listed) arguments. */
  readonly impl?: (args: Value[], site: CallSite, ctx: EvaluationContext) => Value;
  /** Special forms (IIF, Switch, Where, Select, With): build the closure from the argument nodes. */
  readonly form?: (args: readonly Node[], site: CallSite, compiler: FormCompiler) => Compiled;
}

/** Smallest and largest argument counts a function accepts. */
export function arity(def: FunctionDef): { min: number; max: number } {
  const min = def.params.filter((p) => !p.optional).length;
  return { min, max: def.repeatPairs ? Infinity : def.params.length };
}

/** Shorthand for a parameter declaration. */
export function param(name: string, types: StaticType | readonly StaticType[], extra: Omit<ParamSpec, 'name' | 'types'> = {}): ParamSpec {
  return { name, types: typeof types === 'string' ? [types] : types, ...extra };
}
