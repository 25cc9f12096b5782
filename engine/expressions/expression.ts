// The operations on expression text: compile once, evaluate per object; validate for rule save.
import { walk, type Node } from './ast.ts';
import { STRUCTURAL_CODES, check, type Diagnostic, type ValidateOptions } from './check.ts';
import { CompiledExpression, Compiler } from './compiler.ts';
import { ExpressionCompileError, ExpressionError, type ExpressionErrorCode } from './errors.ts';
import { parse } from './parser.ts';

/** Parses and compiles expression text; throws ExpressionSyntaxError or ExpressionCompileError with the position. */
export function compile(text: string): CompiledExpression {
  const ast = parse(text);
  const structural = check(text, ast).find((d) => STRUCTURAL_CODES.has(d.code));
  if (structural) {
    throw new ExpressionCompileError(structural.message, structural.code as ExpressionErrorCode, { offset: structural.offset, line: structural.line, column: structural.column });
  }
  const compiler = new Compiler(text);
  const root = compiler.compile(ast);
  return new CompiledExpression(text, ast, root, compiler.slotCount);
}

/** Every problem a rule editor should show for this text: syntax, names, arity, types, unknown attributes. */
export function validate(text: string, options: ValidateOptions = {}): Diagnostic[] {
  let ast: Node;
  try {
    ast = parse(text);
  } catch (err) {
    if (!(err instanceof ExpressionError)) throw err;
    return [{ severity: 'error', code: err.code, message: err.detail, offset: err.position.offset, line: err.position.line, column: err.position.column }];
  }
  return check(text, ast, options);
}

/** Attribute names the expression reads: `[name]` references and the names given to ImportedValue/ValueCount. */
export function referencedAttributes(textOrAst: string | Node): string[] {
  const ast = typeof textOrAst === 'string' ? parse(textOrAst) : textOrAst;
  const names = new Set<string>();
  walk(ast, (n) => {
    if (n.kind === 'attribute') names.add(n.name);
    else if (n.kind === 'call' && (n.name === 'ImportedValue' || n.name === 'ValueCount') && n.args[0]?.kind === 'string') names.add(n.args[0].value);
  });
  return [...names];
}
