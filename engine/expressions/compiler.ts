// Turns a checked syntax tree into nested closures, built once per expression and run per object.
import type { Node } from './ast.ts';
import { fail, specialArgument } from './arguments.ts';
import type { EvaluationContext } from './context.ts';
import { ExpressionCompileError, ExpressionError, ExpressionEvaluationError, positionAt, type SourcePosition } from './errors.ts';
import type { CallSite, Compiled, FormCompiler, FunctionDef, ParamSpec } from './function-def.ts';
import { liftCall } from './lifting.ts';
import { logicalOperand, negate, scalarOperators } from './operators.ts';
import { lookupFunction } from './registry.ts';
import { AUTHORITATIVE_NULL, IGNORE_THIS_FLOW, SpecialValue, type Value } from './values.ts';

const NO_VARS: Value[] = [];

/** A compiled expression: call `evaluate` once per object. */
export class CompiledExpression {
  constructor(
    /** The source text. */
    readonly text: string,
    /** The syntax tree. */
    readonly ast: Node,
    private readonly root: Compiled,
    private readonly slotCount: number,
  ) {}

  /** Evaluates the expression for one object; throws ExpressionEvaluationError on failure. */
  evaluate(ctx: EvaluationContext): Value {
    try {
      return this.root(ctx, this.slotCount === 0 ? NO_VARS : new Array<Value>(this.slotCount).fill(null));
    } catch (err) {
      if (err instanceof ExpressionError) throw err;
      // A defect or a failing context must still surface as a positioned expression error.
      throw new ExpressionEvaluationError(`internal error: ${err instanceof Error ? err.message : String(err)}`, 'internal', positionAt(this.text, 0));
    }
  }
}

/** Builds closures from a tree that `check` accepted. */
export class Compiler implements FormCompiler {
  private readonly scope = new Map<string, number[]>();
  slotCount = 0;

  constructor(private readonly text: string) {}

  /** Compiles one node. */
  compile(node: Node): Compiled {
    switch (node.kind) {
      case 'string':
      case 'number':
      case 'boolean': {
        const v = node.value;
        return () => v;
      }
      case 'constant': {
        const v = node.name === 'NULL' ? null : node.name === 'CRLF' ? '\r\n' : node.name === 'AuthoritativeNull' ? AUTHORITATIVE_NULL : IGNORE_THIS_FLOW;
        return () => v;
      }
      case 'attribute': {
        const name = node.name;
        return (ctx) => ctx.attribute(name) ?? null;
      }
      case 'parameter': {
        const name = node.name;
        const site = this.site(`%${name}%`, node.pos);
        return (ctx) => {
          const v = ctx.parameter(name);
          return v === undefined ? fail(site, 'parameter is not defined', 'undefined-parameter') : v;
        };
      }
      case 'variable': {
        const slots = this.scope.get(node.name);
        if (!slots || slots.length === 0) throw this.error(`variable $${node.name} is not bound here`, 'unbound-variable', node.pos);
        const slot = slots[slots.length - 1];
        return (_ctx, vars) => vars[slot];
      }
      case 'identifier':
        throw this.error(`unknown name '${node.name}'`, 'unknown-identifier', node.pos);
      case 'negate': {
        const operand = this.compile(node.operand);
        const site = this.site('-', node.pos);
        const one = (a: Value[]) => negate(a[0], site);
        return (ctx, vars) => {
          const v = operand(ctx, vars);
          if (v instanceof SpecialValue) return specialArgument(v, site);
          return Array.isArray(v) ? liftCall([v], always, one, site) : negate(v, site);
        };
      }
      case 'binary':
        return node.op === '&&' || node.op === '||' ? this.logical(node.op, node.left, node.right, node.pos) : this.binary(node);
      case 'call':
        return this.call(node.name, node.args, node.pos);
    }
  }

  compileWithVariable(name: string, body: Node): { slot: number; body: Compiled } {
    const slot = this.slotCount++;
    let slots = this.scope.get(name);
    if (!slots) this.scope.set(name, (slots = []));
    slots.push(slot);
    try {
      return { slot, body: this.compile(body) };
    } finally {
      slots.pop();
    }
  }

  private binary(node: Extract<Node, { kind: 'binary' }>): Compiled {
    const left = this.compile(node.left);
    const right = this.compile(node.right);
    const op = scalarOperators[node.op as keyof typeof scalarOperators];
    const site = this.site(`'${node.op}'`, node.pos);
    const pair = (a: Value[]) => op(a[0], a[1], site);
    return (ctx, vars) => {
      const a = left(ctx, vars);
      const b = right(ctx, vars);
      if (typeof a !== 'object' && typeof b !== 'object') return op(a, b, site);
      if (a instanceof SpecialValue) return specialArgument(a, site);
      if (b instanceof SpecialValue) return specialArgument(b, site);
      if (Array.isArray(a) || Array.isArray(b)) return liftCall([a, b], always, pair, site);
      return op(a, b, site);
    };
  }

  private logical(op: '&&' | '||', leftNode: Node, rightNode: Node, pos: number): Compiled {
    const left = this.compile(leftNode);
    const right = this.compile(rightNode);
    const site = this.site(`'${op}'`, pos);
    const isAnd = op === '&&';
    const combine = (a: Value[]) => (isAnd ? logicalOperand(a[0], site) && logicalOperand(a[1], site) : logicalOperand(a[0], site) || logicalOperand(a[1], site));
    return (ctx, vars) => {
      const a = left(ctx, vars);
      if (a instanceof SpecialValue) return specialArgument(a, site);
      if (Array.isArray(a)) {
        const b = right(ctx, vars);
        if (b instanceof SpecialValue) return specialArgument(b, site);
        return liftCall([a, b], always, combine, site);
      }
      const l = logicalOperand(a, site);
      if (l !== isAnd) return l; // short-circuit
      const b = right(ctx, vars);
      if (b instanceof SpecialValue) return specialArgument(b, site);
      if (Array.isArray(b)) return liftCall([a, b], always, combine, site);
      return logicalOperand(b, site);
    };
  }

  private call(name: string, argNodes: readonly Node[], pos: number): Compiled {
    const def = lookupFunction(name);
    if (!def) throw this.error(`unknown function ${name}`, 'unknown-function', pos);
    const site = this.site(def.name, pos);
    if (def.form) return def.form(argNodes, site, this);
    return this.ordinaryCall(def, argNodes, site);
  }

  private ordinaryCall(def: FunctionDef, argNodes: readonly Node[], site: CallSite): Compiled {
    const impl = def.impl!;
    const n = argNodes.length;
    const params: ParamSpec[] = argNodes.map((_, i) => def.params[Math.min(i, def.params.length - 1)]);
    const argFns = argNodes.map((node, i) => this.argument(node, params[i], site));
    const liftable = params.map((p) => p.shape === undefined || p.shape === 'scalar' || p.shape === 'enum');
    const skipNull = params.map((p, i) => liftable[i] && !p.nullable);
    const isLifted = (i: number) => liftable[i];
    return (ctx, vars) => {
      const args: Value[] = new Array(n);
      let skip = false;
      let lift = false;
      for (let i = 0; i < n; i++) {
        const v = argFns[i](ctx, vars);
        // Strings, Integers and Booleans (the common case) skip the object checks.
        if (typeof v === 'object') {
          if (v === null) {
            if (skipNull[i]) skip = true;
          } else if (v instanceof SpecialValue) {
            return specialArgument(v, site);
          } else if (liftable[i] && Array.isArray(v)) {
            lift = true;
          }
        }
        args[i] = v;
      }
      if (skip) return null;
      if (lift) return liftCall(args, isLifted, (a) => impl(a, site, ctx), site);
      return impl(args, site, ctx);
    };
  }

  /** An argument; a bare word in an enum position becomes its canonical name. */
  private argument(node: Node, param: ParamSpec, site: CallSite): Compiled {
    if (param.shape === 'enum' && node.kind === 'identifier') {
      const canonical = param.enumValues?.find((e) => e.toLowerCase() === node.name.toLowerCase());
      if (!canonical) throw this.error(`${site.name}: '${node.name}' is not one of ${param.enumValues?.join(', ')}`, 'bad-enum', node.pos);
      return () => canonical;
    }
    return this.compile(node);
  }

  /** A call site for messages. */
  site(name: string, offset: number): CallSite {
    return { name, position: this.position(offset) };
  }

  private position(offset: number): SourcePosition {
    return positionAt(this.text, offset);
  }

  private error(message: string, code: ExpressionCompileError['code'], offset: number): ExpressionCompileError {
    return new ExpressionCompileError(message, code, this.position(offset));
  }
}

function always(): boolean {
  return true;
}
