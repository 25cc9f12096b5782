// Public API of the expression language (Entra Connect declarative provisioning dialect).
export { compile, validate, referencedAttributes } from './expression.ts';
export { parse } from './parser.ts';
export { CompiledExpression } from './compiler.ts';
export { createContext, type ContextOptions, type EvaluationContext } from './context.ts';
export type { Diagnostic, DiagnosticCode, ExpressionSchema, SchemaAttribute, ValidateOptions } from './check.ts';
export type { Node, BinaryOperator } from './ast.ts';
export { ExpressionError, ExpressionSyntaxError, ExpressionCompileError, ExpressionEvaluationError, type SourcePosition, type ExpressionErrorCode } from './errors.ts';
export {
  AUTHORITATIVE_NULL,
  IGNORE_THIS_FLOW,
  SpecialValue,
  fromAttributeValues,
  fromAttributeValue,
  toAttributeValues,
  toAttributeValue,
  isReference,
  reference,
  typeName,
  valuesEqual,
  toFlowOutcome,
  type FlowOutcome,
  type DataValue,
  type List,
  type Reference,
  type Scalar,
  type TypeName,
  type Value,
} from './values.ts';
export { DateTime } from './datetime.ts';
export { functions, lookupFunction, unsupportedFunctions } from './registry.ts';
export type { Category, FunctionDef, ParamSpec, StaticType } from './function-def.ts';
export { decodeVectorAttributes, encodeResult, stringifyResult, type VectorAttributes, type EncodedResult } from './json-encoding.ts';
export { createValueContext, type ValueContextOptions } from './context.ts';
