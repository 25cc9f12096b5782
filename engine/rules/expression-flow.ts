// The one place expression flows meet the expression language: compile once, evaluate per object over the
// engine's stored values, and classify the result as a flow value.
import { compile, referencedAttributes, toFlowOutcome, ExpressionError, fromAttributeValues, type DataValue, type EvaluationContext } from '../expressions/index.ts';
import { decodeValue, encodeValue, type StoredAttributes } from '../model/stored-values.ts';
import { AUTHORITATIVE_NULL_FLOW, FlowError, IGNORE_FLOW, NULL_FLOW, type FlowInput, type FlowValue } from './flow-value.ts';

/** A compiled expression flow. */
export interface FlowExpression {
  readonly text: string;
  /** Attribute names the expression reads. */
  readonly attributes: readonly string[];
  evaluate(input: FlowInput): FlowValue;
}

/** Compiles an expression; throws FlowError (`expression-syntax`) naming the position of the problem. */
export function compileFlowExpression(text: string): FlowExpression {
  let compiled: ReturnType<typeof compile>;
  try {
    compiled = compile(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // A rule set exported from a product may use a function this engine lacks: the rule loads, and the flow
    // fails per object with a clear sync error when it is evaluated.
    if (err instanceof ExpressionError && err.code === 'unsupported-function') {
      return {
        text,
        attributes: [],
        evaluate: () => {
          throw new FlowError('sync-rule-flow-evaluation-failed', message);
        },
      };
    }
    throw new FlowError('expression-syntax', message);
  }
  const attributes = referencedAttributes(compiled.ast);
  return {
    text,
    attributes,
    evaluate(input) {
      let result;
      try {
        result = compiled.evaluate(context(input));
      } catch (err) {
        if (err instanceof ExpressionError && err.code === 'user-error') throw new FlowError('sync-rule-error-function-triggered', err.detail, err.message);
        throw new FlowError('sync-rule-flow-evaluation-failed', err instanceof Error ? err.message : String(err));
      }
      const outcome = toFlowOutcome(result);
      switch (outcome.kind) {
        case 'values':
          return { kind: 'values', values: outcome.values.map(encodeValue) };
        case 'null':
          return NULL_FLOW;
        case 'authoritativeNull':
          return AUTHORITATIVE_NULL_FLOW;
        case 'ignoreThisFlow':
          return IGNORE_FLOW;
      }
    },
  };
}

/** An evaluation context that decodes only the attributes the expression reads. */
function context(input: FlowInput): EvaluationContext {
  const read = (source: StoredAttributes, name: string): DataValue => {
    const values = source[name];
    if (!values || values.length === 0) return null;
    const multi = input.multiValued ? input.multiValued(name) : values.length > 1;
    return fromAttributeValues(values.map(decodeValue), multi);
  };
  return {
    attribute: (name) => read(input.attributes, name),
    importedValue: (name) => read(input.imported, name),
    valueCount: (name) => input.attributes[name]?.length ?? 0,
    parameter: (name) => (Object.hasOwn(input.parameters, name) ? input.parameters[name] : undefined),
  };
}
