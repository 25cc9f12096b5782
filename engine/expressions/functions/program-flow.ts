// Program flow (spec §7.8): IIF, Switch, Where, Select, With (special forms with lazy arguments) and Error.
import type { Node } from '../ast.ts';
import { fail, specialArgument } from '../arguments.ts';
import { cstr, truth } from '../coercion.ts';
import { ExpressionEvaluationError } from '../errors.ts';
import { param, type CallSite, type Compiled, type FormCompiler, type FunctionDef } from '../function-def.ts';
import { pushElement } from '../lifting.ts';
import { SpecialValue, type List, type Value } from '../values.ts';

/** The elements a Where/Select walks: Null is none, a scalar is one. */
function elements(v: Value, site: CallSite): List {
  if (v === null) return [];
  if (Array.isArray(v)) return v;
  if (v instanceof SpecialValue) return specialArgument(v, site);
  return [v];
}

function variableName(node: Node, site: CallSite): string {
  return node.kind === 'variable' ? node.name : fail(site, 'the first argument must be a $variable');
}

/** IIF over a multi-valued condition: each element picks its branch; a list branch contributes its element. */
function liftedIif(cond: List, whenTrue: Compiled, whenFalse: Compiled, ctx: Parameters<Compiled>[0], vars: Value[], site: CallSite): List {
  const out: List = [];
  let t: Value | undefined;
  let f: Value | undefined;
  for (let k = 0; k < cond.length; k++) {
    let branch: Value;
    if (truth(cond[k], site)) branch = t === undefined ? (t = whenTrue(ctx, vars)) : t;
    else branch = f === undefined ? (f = whenFalse(ctx, vars)) : f;
    if (Array.isArray(branch)) {
      if (branch.length !== cond.length) fail(site, `a branch has ${branch.length} values but the condition has ${cond.length}`, 'range');
      pushElement(out, branch[k], site);
    } else pushElement(out, branch, site);
  }
  return out;
}

const iif: FunctionDef = {
  name: 'IIF',
  category: 'Program Flow',
  signatures: ['var IIF(exp condition, var valueIfTrue, var valueIfFalse)'],
  doc: 'Returns one of two values depending on a condition; only the chosen branch is evaluated.',
  params: [param('condition', ['bool', 'num', 'str']), param('valueIfTrue', 'any', { shape: 'lazy' }), param('valueIfFalse', 'any', { shape: 'lazy' })],
  returns: 'any',
  form: (args, site, c: FormCompiler) => {
    const cond = c.compile(args[0]);
    const whenTrue = c.compile(args[1]);
    const whenFalse = c.compile(args[2]);
    return (ctx, vars) => {
      const v = cond(ctx, vars);
      if (v === true) return whenTrue(ctx, vars);
      if (v === false || v === null) return whenFalse(ctx, vars);
      if (Array.isArray(v)) return liftedIif(v, whenTrue, whenFalse, ctx, vars, site);
      return truth(v, site) ? whenTrue(ctx, vars) : whenFalse(ctx, vars);
    };
  },
};

const switchFn: FunctionDef = {
  name: 'Switch',
  category: 'Program Flow',
  signatures: ['var Switch(exp expr1, var value1[, exp expr2, var value2 … [, exp exprN, var valueN]])'],
  doc: 'Evaluates every condition, then returns the value paired with the first true one (Null if none).',
  params: [param('expr', ['bool', 'num', 'str']), param('value', 'any', { shape: 'lazy' })],
  repeatPairs: true,
  returns: 'any',
  form: (args, site, c) => {
    if (args.length === 0 || args.length % 2 !== 0) fail(site, 'arguments must come in (condition, value) pairs', 'arity');
    const conds: Compiled[] = [];
    const values: Compiled[] = [];
    for (let i = 0; i < args.length; i += 2) {
      conds.push(c.compile(args[i]));
      values.push(c.compile(args[i + 1]));
    }
    return (ctx, vars) => {
      let chosen = -1;
      for (let i = 0; i < conds.length; i++) {
        const ok = truth(conds[i](ctx, vars), site);
        if (ok && chosen < 0) chosen = i;
      }
      return chosen < 0 ? null : values[chosen](ctx, vars);
    };
  },
};

const where: FunctionDef = {
  name: 'Where',
  category: 'Program Flow',
  signatures: ['mvattr Where(variable item, mvattr attribute, exp condition)', 'mvattr Where(variable item, exp expression, exp condition)'],
  doc: 'Keeps the values of a collection for which the condition (with the variable bound to each value) is true.',
  params: [param('item', 'any', { shape: 'variable' }), param('attribute', 'any', { shape: 'collection' }), param('condition', ['bool', 'num', 'str'], { shape: 'lazy' })],
  returns: 'any',
  form: (args, site, c) => {
    const name = variableName(args[0], site);
    const source = c.compile(args[1]);
    const { slot, body } = c.compileWithVariable(name, args[2]);
    return (ctx, vars) => {
      const out: List = [];
      for (const item of elements(source(ctx, vars), site)) {
        vars[slot] = item;
        if (truth(body(ctx, vars), site)) out.push(item);
      }
      return out;
    };
  },
};

const select: FunctionDef = {
  name: 'Select',
  category: 'Program Flow',
  signatures: ['mvattr Select(variable item, mvattr attribute, func function)', 'mvattr Select(variable item, exp expression, func function)'],
  doc: 'Maps every value of a collection through a function of the bound variable; Null results are dropped.',
  params: [param('item', 'any', { shape: 'variable' }), param('attribute', 'any', { shape: 'collection' }), param('function', 'any', { shape: 'lazy' })],
  returns: 'any',
  form: (args, site, c) => {
    const name = variableName(args[0], site);
    const source = c.compile(args[1]);
    const { slot, body } = c.compileWithVariable(name, args[2]);
    return (ctx, vars) => {
      const out: List = [];
      for (const item of elements(source(ctx, vars), site)) {
        vars[slot] = item;
        pushElement(out, body(ctx, vars), site);
      }
      return out;
    };
  },
};

const withFn: FunctionDef = {
  name: 'With',
  category: 'Program Flow',
  signatures: ['var With(var variable, exp subExpression, exp complexExpression)'],
  doc: 'Evaluates a sub-expression once, binds it to a variable and evaluates the complex expression with it.',
  params: [param('variable', 'any', { shape: 'variable' }), param('subExpression', 'any', { shape: 'collection' }), param('complexExpression', 'any', { shape: 'lazy' })],
  returns: 'any',
  form: (args, site, c) => {
    const name = variableName(args[0], site);
    const sub = c.compile(args[1]);
    const { slot, body } = c.compileWithVariable(name, args[2]);
    return (ctx, vars) => {
      const v = sub(ctx, vars);
      if (v instanceof SpecialValue) return specialArgument(v, site);
      vars[slot] = v;
      return body(ctx, vars);
    };
  },
};

const error: FunctionDef = {
  name: 'Error',
  category: 'Program Flow',
  signatures: ['void Error(str ErrorMessage)'],
  doc: 'Fails the evaluation for the object with a custom message.',
  params: [param('ErrorMessage', 'any', { nullable: true })],
  returns: 'any',
  impl: ([message], site) => {
    throw new ExpressionEvaluationError(message === null ? '' : cstr(message, site), 'user-error', site.position);
  },
};

/** The Program Flow functions. */
export const programFlowFunctions: readonly FunctionDef[] = [error, iif, select, switchFn, where, withFn];
