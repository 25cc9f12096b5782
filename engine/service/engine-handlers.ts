// Handlers of the engine methods (connectors, runs, connector spaces, metaverse, preview, lineage,
// configuration), over one SyncEngine opened lazily on the data directory's database.
import type { engineMethods } from '../../shared/api/engine.ts';
import type { RunStatus } from '../../shared/model/runs.ts';
import type { HandlerGroup, HandlersFor } from './handlers.ts';
import type { ServiceContext } from './context.ts';
import { ApiError } from './api-error.ts';
import { connectorTypes } from '../connectors/registry.ts';
import { EngineError } from '../sync/engine-error.ts';
import * as present from '../sync/presenters.ts';
import { exportConfig } from '../config/config-export.ts';
import { importConfig } from '../config/config-import.ts';
import type { CsObject } from '../model/objects.ts';
import type { CsPage } from '../store/cs-store.ts';
import { csColumnView, pickColumns } from './console/column-values.ts';

type Methods = typeof engineMethods;

/** Creates the engine method handlers over the store in the context's data directory. */
export function createEngineHandlers(ctx: ServiceContext): HandlerGroup<Methods> {
  const engine = () => ctx.engine();
  const stopStatus: RunStatus = ctx.host === 'cli' ? 'stopped-user-termination-from-cli' : 'stopped-user-termination-from-ui';
  const notFound = (what: string) => new ApiError('not-found', what);

  const handlers: HandlersFor<Methods> = {
    'connectors.types': () =>
      [...connectorTypes.values()].map((t) => ({ type: t.type, displayName: t.displayName, secretFields: [...t.secretFields], capabilities: { ...t.capabilities } })),
    // A run of another process (the CLI, a scheduler) makes a connector busy too.
    'connectors.list': () =>
      engine().store.connectors.list().map((c) => {
        const row = present.connectorSummary(engine(), c);
        return row.state === 'idle' && engine().store.runs.activeFor(c.seq) ? { ...row, state: 'running' as const } : row;
      }),
    'connectors.get': ({ connector }) => present.connectorDetail(engine(), engine().connector(connector)),
    'connectors.create': (input) => present.connectorDetail(engine(), engine().createConnector(input)),
    'connectors.update': ({ connector, ...patch }) => present.connectorDetail(engine(), engine().updateConnector(connector, patch)),
    'connectors.delete': ({ connector }) => {
      engine().deleteConnector(connector);
      return { ok: true as const };
    },
    'connectors.test': ({ connector }) => engine().testConnector(connector),
    'runProfiles.list': ({ connector }) => engine().connector(connector).runProfiles,

    'runs.start': async ({ connector, profile }) => {
      const e = engine();
      const c = e.connector(connector);
      if (e.isRunning(c.seq) || e.store.runs.activeFor(c.seq)) throw new ApiError('no-start-ma-already-running', `${c.name} is already running`);
      if (!c.runProfiles.some((p) => p.name.toLowerCase() === profile.toLowerCase())) {
        throw new ApiError('no-start-unknown-profile-name', `${c.name} has no run profile "${profile}" (has: ${c.runProfiles.map((p) => p.name).join(', ')})`);
      }
      const release = ctx.lock.acquire(`run ${c.name}/${profile}`, 'run');
      let resolveId!: (id: number) => void;
      const started = new Promise<number>((r) => (resolveId = r));
      const run = e
        .run(c.id, profile, {
          startedBy: ctx.host,
          stopStatus,
          onStart: (id) => {
            // This handler reports the run's progress and end itself; the run watcher leaves it alone.
            ctx.ownRuns?.add(String(id));
            resolveId(id);
          },
          log: (level, message) => ctx.log(level, `run ${c.name}`, message),
          onProgress: (p) => ctx.emit('run.progress', { ...p, runId: String(p.runId), connector: c.name, profile }),
        })
        .then((result) => {
          ctx.emit('run.finished', { runId: String(result.runId), connector: c.name, profile, status: result.status });
          ctx.log('info', `run ${c.name}`, `${profile} ended: ${result.status}`);
        })
        .catch((err: unknown) => ctx.log('error', `run ${c.name}`, err instanceof Error ? err.message : String(err)))
        .finally(release);
      const runId = await Promise.race([started, run.then(() => -1)]);
      if (runId < 0) throw new ApiError('no-start-connection', `${c.name}/${profile} could not start`);
      return { runId: String(runId) };
    },
    'runs.stop': ({ runId, connector }) => ({ stopped: engine().stop({ runId: runId ? Number(runId) : undefined, connector }) }),
    'runs.list': ({ connector, status, cursor, limit }) => {
      const store = engine().store;
      const page = store.runs.list({ connector: connector ? engine().connector(connector).seq : undefined, statuses: status }, cursor ?? null, limit);
      return { ...page, items: page.items.map((r) => present.runSummary(store, r)) };
    },
    'runs.get': ({ runId }) => {
      const r = engine().store.runs.getRun(Number(runId));
      if (!r) throw notFound(`No run ${runId}`);
      return present.runDetail(engine().store, r);
    },
    'runs.objects': ({ runId, step, counter, targetConnector, cursor, limit }) => {
      const page = engine().store.runs.objects(Number(runId), step, counter, targetConnector ?? null, cursor ?? null, limit);
      return { ...page, items: page.items.map(present.runObject) };
    },
    'runs.objectSnapshot': ({ recordId }) => {
      const o = engine().store.runs.object(Number(recordId));
      if (!o) throw notFound(`No run record ${recordId}`);
      return { ...present.runObject(o), attributes: o.snapshot ?? null, mvId: o.mvId == null ? null : String(o.mvId) };
    },
    'runs.clear': ({ before }) => ({ deleted: engine().store.runs.clear(before) }),

    'cs.search': ({ connector, search, clauses, columns, cursor, limit }) => {
      const e = engine();
      const answer = (page: CsPage, name: string) => {
        const row = (o: CsObject) => (columns.length ? { ...present.csRow(o, name), attributes: pickColumns(csColumnView(o), columns) } : present.csRow(o, name));
        return { ...page, items: page.items.map(row) };
      };
      // Looking up a DN or an anchor trusts the connector the name meant last time, checked inside the search's own
      // statement: one round trip on a server. Nothing found proves nothing, so the connector is then read first.
      const last = search.scope === 'dn-or-anchor' && clauses.length === 0 ? e.store.connectors.lastFind(connector) : null;
      if (last) {
        const page = e.store.cs.search(last.connector.seq, search, cursor ?? null, limit, clauses, last);
        if (page.total > 0) return answer(page, last.connector.name);
      }
      const c = e.connector(connector);
      return answer(e.store.cs.search(c.seq, search, cursor ?? null, limit, clauses), c.name);
    },
    'cs.get': ({ connector, id, dn }) => present.csDetail(engine(), engine().csObject(connector, { id, dn })),

    'mv.search': ({ objectType, clauses, columns, cursor, limit }) => {
      const page = engine().store.mv.search(objectType, clauses, cursor ?? null, limit);
      return { ...page, items: page.items.map((o) => present.mvRow(o, [...columns, ...clauses.map((c) => c.attribute)])) };
    },
    'mv.get': ({ id }) => {
      const mv = engine().store.mv.get(Number(id));
      if (!mv) throw notFound(`No metaverse object ${id}`);
      return present.mvDetail(engine().store, mv);
    },
    'schema.get': () => engine().store.schema.get(),
    'schema.addObjectType': (t) => {
      engine().store.schema.putObjectType(t);
      return engine().store.schema.get();
    },
    'schema.addAttribute': ({ objectTypes, ...attr }) => {
      const store = engine().store;
      const schema = store.schema.get();
      for (const t of objectTypes) if (!schema.objectTypes.some((o) => o.name === t)) throw new ApiError('invalid-request', `No metaverse object type "${t}"`);
      store.transaction(() => {
        store.schema.putAttribute(attr);
        for (const t of schema.objectTypes.filter((o) => objectTypes.includes(o.name))) store.schema.putObjectType({ name: t.name, attributes: [...t.attributes, attr.name] });
      });
      return store.schema.get();
    },
    'schema.deleteAttribute': ({ name }) => {
      const store = engine().store;
      const users = store.rules.list().filter(({ rule }) =>
        rule.attributeFlows.some((f) => (rule.direction === 'Inbound' ? f.destination === name : f.sources.includes(name) || (f.expression ?? '').includes(`[${name}]`))) ||
        rule.joinRules.some((g) => g.some((c) => c.mvAttribute === name)) ||
        (rule.direction === 'Outbound' && rule.scopingFilter.some((g) => g.some((c) => c.attribute === name))),
      );
      if (users.length) throw new ApiError('attribute-in-use', `Attribute "${name}" is used by sync rules: ${users.map((u) => `"${u.rule.name}"`).join(', ')}`);
      store.schema.deleteAttribute(name);
      return store.schema.get();
    },
    'schema.precedence': ({ attribute, objectType }) =>
      engine().store.rules.list()
        .map(({ rule }) => ({ rule, flows: rule.attributeFlows.filter((f) => (rule.direction === 'Inbound' ? f.destination === attribute : f.sources.includes(attribute))) }))
        .filter(({ rule, flows }) => flows.length > 0 && (!objectType || (rule.direction === 'Inbound' ? rule.targetObjectType : rule.sourceObjectType) === objectType))
        .flatMap(({ rule, flows }) =>
          flows.map((f) => ({
            ruleId: rule.id, ruleName: rule.name, connector: rule.connector.name, precedence: rule.precedence, direction: rule.direction, flowType: f.flowType,
            source: f.flowType === 'Direct' ? f.sources.join(', ') : (f.expression ?? ''), mergeType: f.mergeType, disabled: rule.disabled,
          })),
        ),

    'preview.generate': ({ connector, id, dn, mode }) => present.previewResult(engine().store, engine().preview(connector, { id, dn }, false), mode),
    'preview.commit': ({ connector, id, dn, mode }) => {
      if (ctx.lock.get()) throw new ApiError('engine-busy', `The engine is busy: ${ctx.lock.get()!.holder}`);
      return present.previewResult(engine().store, engine().preview(connector, { id, dn }, true), mode);
    },
    'lineage.attribute': ({ mvId, attribute }) => present.lineage(engine().store, mvId, attribute),

    'config.export': () => exportConfig(engine()),
    'config.import': ({ document }) => {
      const release = ctx.lock.acquire('configuration import', 'maintenance');
      try {
        return importConfig(engine(), document);
      } finally {
        release();
      }
    },
  };

  return {
    handlers: wrapErrors(handlers),
    // The engine is shared by every handler group; the service closes it.
    close() {},
  };
}

/** Turns engine errors into API errors with the same code. */
export function wrapErrors<H extends Record<string, (req: never) => unknown>>(handlers: H): H {
  const out: Record<string, (req: never) => unknown> = {};
  for (const [name, fn] of Object.entries(handlers)) {
    out[name] = async (req: never) => {
      try {
        return await fn(req);
      } catch (err) {
        if (err instanceof EngineError) throw new ApiError(err.code, err.message, err.detail);
        throw err;
      }
    };
  }
  return out as H;
}
