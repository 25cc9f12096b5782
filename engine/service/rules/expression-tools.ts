// The editor's expression tooling: the function list, positioned diagnostics against the attributes the
// expression can read, and "Try it" — one evaluation on a real object, as a synchronization would do it.
import type { ExpressionDiagnostic, ExpressionTrial, FunctionInfo, TrialObject } from '../../../shared/model/rules-editor.ts';
import type { ConnectorSchemaView } from '../../../shared/model/rules-editor.ts';
import type { MvSchema } from '../../../shared/model/metaverse.ts';
import type { SyncEngine } from '../../sync/engine.ts';
import type { AttributeType } from '../../model/values.ts';
import { functions, validate, referencedAttributes, type SchemaAttribute } from '../../expressions/index.ts';
import { arity } from '../../expressions/function-def.ts';
import { compileFlowExpression } from '../../rules/expression-flow.ts';
import { FlowError } from '../../rules/flow-value.ts';
import { connectorParameters } from '../../sync/connector-parameters.ts';
import { exportAwareView } from '../../sync/views.ts';
import { flowResult, resolveObject } from './rule-test.ts';

const TYPES = new Set<AttributeType>(['string', 'integer', 'boolean', 'binary', 'datetime', 'reference']);

/** Every function of the language, by name. */
export function functionInfos(): FunctionInfo[] {
  return [...functions]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((f) => {
      const { min, max } = arity(f);
      return { name: f.name, category: f.category, signatures: [...f.signatures], doc: f.doc, minArgs: min, maxArgs: Number.isFinite(max) ? max : null };
    });
}

/** Attribute name → definition, for the checker. */
export type ExpressionAttributes = Map<string, SchemaAttribute>;

/** The attributes of a metaverse object type (all attributes when the type is not given or unknown). */
export function mvAttributes(schema: MvSchema, objectType?: string): ExpressionAttributes {
  const type = objectType ? schema.objectTypes.find((t) => t.name.toLowerCase() === objectType.toLowerCase()) : undefined;
  const names = type ? new Set(type.attributes) : null;
  return new Map(schema.attributes.filter((a) => !names || names.has(a.name)).map((a) => [a.name, { type: a.type, multiValued: a.multiValued }]));
}

/** The attributes of a connector space object type (of every type when not given). */
export function csAttributes(view: ConnectorSchemaView, objectType?: string): ExpressionAttributes {
  const out: ExpressionAttributes = new Map();
  for (const t of view.objectTypes) {
    if (objectType && t.name.toLowerCase() !== objectType.toLowerCase()) continue;
    for (const a of t.attributes) out.set(a.name, { type: TYPES.has(a.type as AttributeType) ? (a.type as AttributeType) : 'string', multiValued: a.multiValued });
  }
  return out;
}

/**
 * Problems of `text` at their positions. An attribute the schema does not list is a warning: the schema the
 * editor knows may be incomplete, and an absent attribute reads as NULL.
 */
export function checkExpression(text: string, attributes: ExpressionAttributes | null, parameters: readonly string[] | null): ExpressionDiagnostic[] {
  if (text.trim() === '') return [{ severity: 'error', code: 'syntax', message: 'Enter an expression', offset: 0, line: 1, column: 1 }];
  const found = validate(text, { ...(attributes && attributes.size ? { schema: attributes } : {}), ...(parameters ? { parameters } : {}) });
  return found.map((d) => ({ ...d, severity: d.code === 'unknown-attribute' ? 'warning' : d.severity }));
}

/** Evaluates `text` on one object with the connector's parameters, as an expression flow would. */
export function tryExpression(engine: SyncEngine, text: string, object: TrialObject): ExpressionTrial {
  const { cs, mv } = resolveObject(engine, object);
  const store = engine.store;
  const connectorName = object.kind === 'cs' ? object.connector : object.connector;
  const params = connectorName ? connectorParameters(engine.connector(connectorName)) : {};
  const schema = store.schema.get();
  const multi = new Set(schema.attributes.filter((a) => a.multiValued).map((a) => a.name));
  let attributes = mv?.attrs ?? {};
  let imported = attributes;
  if (object.kind === 'cs' && cs) {
    const current = cs.pendingImport && cs.pendingImport.op !== 'delete' ? { ...cs, hologram: cs.pendingImport.image } : cs;
    attributes = exportAwareView(current);
    imported = current.hologram;
  }
  let reads: string[] = [];
  try {
    reads = referencedAttributes(text);
  } catch {
    // A syntax error is reported by the evaluation below.
  }
  const read = Object.fromEntries(reads.map((n) => [n, attributes[n] ?? []]));
  const label = object.kind === 'cs' && cs ? cs.dn : `metaverse ${mv!.objectType} ${mv!.id}`;
  const objectType = object.kind === 'cs' && cs ? cs.objectType : mv!.objectType;
  let flow: ReturnType<typeof compileFlowExpression>;
  try {
    flow = compileFlowExpression(text);
  } catch (err) {
    return { outcome: 'error', values: [], error: { code: err instanceof FlowError ? err.code : 'expression-syntax', message: (err as Error).message }, object: { label, objectType, read } };
  }
  const input = { attributes, imported, parameters: params, multiValued: object.kind === 'mv' ? (n: string) => multi.has(n) : undefined };
  return { ...flowResult(() => flow.evaluate(input)), object: { label, objectType, read } };
}
