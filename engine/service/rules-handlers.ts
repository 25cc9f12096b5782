// Handlers of the rules methods (shared/api/rules.ts): every change validated whole and followed by the
// "full synchronization required" mark on the connectors it touches.
import crypto from 'node:crypto';
import type { rulesMethods } from '../../shared/api/rules.ts';
import type { SyncRule } from '../../shared/model/sync-rules.ts';
import type { ConnectorSchemaView } from '../../shared/model/rules-editor.ts';
import type { HandlerGroup, HandlersFor } from './handlers.ts';
import type { ServiceContext } from './context.ts';
import { ApiError } from './api-error.ts';
import { wrapErrors } from './engine-handlers.ts';
import { placeRule } from '../rules/precedence.ts';
import { connectorParameters } from '../sync/connector-parameters.ts';
import { checkRule } from './rules/rule-check.ts';
import { FullSyncMarks, affectedConnectors } from './rules/full-sync-marks.ts';
import { exportRules, planRulesImport } from './rules/rules-document.ts';
import { testRule } from './rules/rule-test.ts';
import { previewRuleChange } from './rules/rule-preview.ts';
import { connectorSchema } from './rules/connector-schema.ts';
import { checkExpression, csAttributes, functionInfos, mvAttributes, tryExpression } from './rules/expression-tools.ts';

type Methods = typeof rulesMethods;

/** How long a discovered connector schema serves the expression checker before it is read again. */
const SCHEMA_TTL_MS = 5 * 60_000;

/** Creates the rules handlers over the context's engine and data directory. */
export function createRulesHandlers(ctx: ServiceContext): HandlerGroup<Methods> {
  const engine = () => ctx.engine();
  const store = () => engine().store;
  const marks = new FullSyncMarks(ctx.home);
  const schemas = new Map<string, { view: ConnectorSchemaView; at: number }>();

  const notFound = (id: string) => new ApiError('not-found', `No sync rule "${id}"`);
  const stored = (id: string): SyncRule => {
    const r = store().rules.get(id);
    if (!r) throw notFound(id);
    return r.rule;
  };
  const allRules = () => store().rules.list().map((r) => r.rule);
  const checkContext = () => {
    const records = store().connectors.list();
    return {
      connectors: records.map((c) => ({ seq: c.seq, id: c.id, name: c.name, createdAt: c.createdAt })),
      schema: store().schema.get(),
      rules: allRules(),
      selectedAttributes: (c: { seq: number }) => {
        const list = records.find((r) => r.seq === c.seq)?.config.attributes;
        return Array.isArray(list) ? list.filter((a): a is string => typeof a === 'string') : null;
      },
    };
  };
  /** Rules change only while nothing but a run holds the engine (the wizard and imports rewrite them). */
  const guard = () => {
    const lock = ctx.lock.get();
    if (lock && lock.kind !== 'run') throw new ApiError('engine-busy', `Sync rules cannot change now: ${lock.holder} holds the engine (${lock.kind}) since ${lock.since}`);
  };
  const validated = (input: unknown): SyncRule => {
    const v = checkRule(input, checkContext());
    if (v.problems.length || !v.rule) {
      const name = (input as { name?: unknown })?.name;
      throw new ApiError('invalid-rule', `Rule${typeof name === 'string' ? ` "${name}"` : ''}: ${v.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, JSON.stringify(v.problems));
    }
    return v.rule;
  };
  const mark = (rules: readonly (SyncRule | null | undefined)[], reason: string) => {
    const names = marks.mark(affectedConnectors(store(), rules), reason);
    if (names.length) ctx.log('info', 'rules', `${reason}; full synchronization required on ${names.join(', ')}`);
    return names;
  };
  const viewOf = async (connector: string, discover: boolean) => {
    const key = engine().connector(connector).id;
    const hit = schemas.get(key);
    if (hit && Date.now() - hit.at < SCHEMA_TTL_MS && (!discover || hit.view.note === null)) return hit.view;
    const view = await connectorSchema(engine(), connector, discover);
    if (discover) schemas.set(key, { view, at: Date.now() });
    return view;
  };

  const handlers: HandlersFor<Methods> = {
    'rules.list': ({ connector, direction }) => {
      const c = connector ? engine().connector(connector) : null;
      return allRules()
        .filter((r) => !c || r.connector.id === c.id || r.connector.name.toLowerCase() === c.name.toLowerCase())
        .filter((r) => !direction || r.direction === direction);
    },
    'rules.get': ({ id }) => stored(id),
    'rules.save': (input) => {
      guard();
      const rule = validated(input);
      const before = store().rules.get(rule.id)?.rule ?? null;
      const saved = engine().saveRule(rule);
      mark([before, saved], `Rule "${saved.name}" ${before ? 'changed' : 'added'}`);
      return saved;
    },
    'rules.delete': ({ id }) => {
      guard();
      const rule = stored(id);
      // Marked first: the rule's connectors are found through it.
      const names = mark([rule], `Rule "${rule.name}" deleted`);
      store().rules.delete(id);
      return { rule, fullSyncRequired: names };
    },
    'rules.validate': ({ rule }) => {
      const { problems, warnings } = checkRule(rule, checkContext());
      return { problems, warnings };
    },
    'rules.setDisabled': ({ id, disabled }) => {
      guard();
      const rule = stored(id);
      if (rule.disabled === disabled) return { rule, fullSyncRequired: [] };
      const next = disabled ? { ...rule, disabled } : validated({ ...rule, disabled });
      store().rules.put(next);
      return { rule: next, fullSyncRequired: mark([next], `Rule "${rule.name}" ${disabled ? 'disabled' : 'enabled'}`) };
    },
    'rules.clone': ({ id, precedence, name, newId, disableOriginal }) => {
      guard();
      const original = stored(id);
      const { immutableTag: _tag, ...rest } = original;
      const draft = { ...rest, id: newId ?? crypto.randomUUID(), name: name ?? `${original.name} (custom)`, precedence, precedenceBefore: undefined, disabled: false, clonedFrom: original.id };
      if (allRules().some((r) => r.id === draft.id)) throw new ApiError('already-exists', `A sync rule "${draft.id}" exists`);
      const clone = validated(draft);
      const disabledOriginal = disableOriginal ? { ...original, disabled: true } : original;
      const saved = store().transaction(() => {
        if (disableOriginal) store().rules.put(disabledOriginal);
        return engine().saveRule(clone);
      });
      const names = mark([saved, disabledOriginal], `Rule "${original.name}" cloned as "${saved.name}"${disableOriginal ? ' and disabled' : ''}`);
      return { clone: saved, original: disabledOriginal, fullSyncRequired: names };
    },
    'rules.swapPrecedence': ({ a, b }) => {
      guard();
      const ra = stored(a);
      const rb = stored(b);
      const na = { ...ra, precedence: rb.precedence, precedenceBefore: undefined };
      const nb = { ...rb, precedence: ra.precedence, precedenceBefore: undefined };
      store().transaction(() => {
        store().rules.put(na);
        store().rules.put(nb);
      });
      return { a: na, b: nb, fullSyncRequired: mark([na, nb], `Rules "${ra.name}" and "${rb.name}" swapped precedence`) };
    },
    'rules.export': ({ ids }) => {
      try {
        return exportRules(store(), ids);
      } catch (err) {
        throw new ApiError('not-found', (err as Error).message);
      }
    },
    'rules.import': ({ document, dryRun }) => {
      guard();
      const release = dryRun ? () => {} : ctx.lock.acquire('sync rules import', 'maintenance');
      try {
        const plan = planRulesImport(store(), document);
        const result = { ok: plan.problems.length === 0, problems: plan.problems, warnings: plan.warnings, added: plan.added, replaced: plan.replaced, fullSyncRequired: [] as string[] };
        if (!result.ok || dryRun) return result;
        const before = plan.replaced.map((id) => store().rules.get(id)?.rule);
        store().transaction(() => {
          // Absolute precedences were checked unique against the rules that stay; relative ones are placed after.
          for (const r of plan.rules) if (!(r.precedence === 0 && r.precedenceBefore)) store().rules.put(r);
          for (const r of plan.rules) {
            if (!(r.precedence === 0 && r.precedenceBefore)) continue;
            const placed = placeRule(r, allRules());
            for (const m of placed.moved) store().rules.put(m);
            store().rules.put(placed.rule);
          }
        });
        result.fullSyncRequired = mark([...before, ...plan.rules], `${plan.rules.length} sync rule(s) imported`);
        return result;
      } finally {
        release();
      }
    },
    'rules.test': ({ id, rule, object }) => {
      if (!id && !rule) throw new ApiError('invalid-request', 'Name a saved rule (id) or give the rule');
      return testRule(engine(), rule ?? stored(id!), object);
    },
    'rules.preview': ({ rule, connector, dn, id }) => previewRuleChange(engine(), validated(rule), connector, { dn, id }),
    'rules.fullSyncRequired': () => marks.list(store()),

    'expressions.functions': () => functionInfos(),
    'expressions.check': async ({ expression, source }) => {
      if (!source) return checkExpression(expression, null, null);
      const connector = source.connector ? engine().connector(source.connector) : null;
      const params = connector ? Object.keys(connectorParameters(connector)) : null;
      const attrs = source.kind === 'mv' ? mvAttributes(store().schema.get(), source.objectType) : csAttributes(await viewOf(source.connector, false), source.objectType);
      return checkExpression(expression, attrs, params);
    },
    'expressions.try': ({ expression, object }) => tryExpression(engine(), expression, object),

    'connectors.schema': ({ connector, discover }) => viewOf(connector, discover),
  };

  return { handlers: wrapErrors(handlers), close() {} };
}
