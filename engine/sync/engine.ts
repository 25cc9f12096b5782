// The sync engine as one object over one store: connectors, rules, runs, preview and lineage.
// The API handlers and the CLI both drive this.
import type { ConnectorInput, RunProfile } from '../../shared/model/connectors.ts';
import type { RunStatus } from '../../shared/model/runs.ts';
import { SyncRule } from '../../shared/model/sync-rules.ts';
import { connectorType, openConnector } from '../connectors/registry.ts';
import { carrySecrets } from '../config/secret-destination.ts';
import type { ConnectorRecord } from '../store/connector-store.ts';
import { openStore, type Store, type StoreOptions } from '../store/store.ts';
import { placeRule } from '../rules/precedence.ts';
import { validateRule } from '../rules/validate-rule.ts';
import { FlowError } from '../rules/flow-value.ts';
import { defaultRunProfiles } from './default-profiles.ts';
import { EngineError } from './engine-error.ts';
import { runProfile, findProfile, type RunOptions, type RunResult } from './run-profile.ts';
import { buildSyncEnv } from './sync-env-builder.ts';
import { newTrace, type SyncTrace } from './sync-env.ts';
import { settleMv, syncObject } from './object-sync.ts';
import { WorkingSet } from './working-set.ts';
import type { CsObject } from '../model/objects.ts';

interface ActiveRun {
  runId: number | null;
  connector: number;
  controller: AbortController;
  stopStatus: RunStatus;
}

export interface PreviewOutcome {
  cs: CsObject;
  stateAfter: CsObject['state'];
  trace: SyncTrace;
  error: { code: string; message: string } | null;
  committed: boolean;
}

/** One engine over one database. */
export class SyncEngine {
  private readonly active = new Map<number, ActiveRun>();

  constructor(readonly store: Store) {}

  /** Opens the engine on a database file. */
  static open(file: string, options?: StoreOptions): SyncEngine {
    return new SyncEngine(openStore(file, options));
  }

  /** Closes the database. */
  close(): void {
    this.store.close();
  }

  /** A connector by id or name, or a `not-found` error. */
  connector(idOrName: string): ConnectorRecord {
    const c = this.store.connectors.find(idOrName);
    if (!c) throw new EngineError('not-found', `No connector "${idOrName}"`);
    return c;
  }

  /** Validates a connector configuration against its type; masked secrets take the stored value if the destination is unchanged. */
  private prepareConfig(type: string, config: Record<string, unknown>, previous: Record<string, unknown> | null): Record<string, unknown> {
    const t = (() => {
      try {
        return connectorType(type);
      } catch (err) {
        throw new EngineError('invalid-request', (err as Error).message);
      }
    })();
    const { config: merged, refused } = carrySecrets(t.type, config, previous);
    if (refused.length) throw new EngineError('secret-required', `Invalid ${type} connector configuration: ${refused.map((r) => `${r.field}: ${r.message}`).join('; ')}`);
    const parsed = t.configSchema.safeParse(merged);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`);
      throw new EngineError('invalid-config', `Invalid ${type} connector configuration: ${problems.join('; ')}`);
    }
    return merged;
  }

  /** Creates a connector with the default run profiles. */
  createConnector(input: ConnectorInput & { id?: string }): ConnectorRecord {
    if (this.store.connectors.find(input.name)) throw new EngineError('already-exists', `A connector named "${input.name}" exists`);
    const config = this.prepareConfig(input.type, input.config ?? {}, null);
    return this.store.connectors.save(
      {
        id: input.id, name: input.name, type: input.type, description: input.description ?? '', config,
        runProfiles: input.runProfiles ?? defaultRunProfiles(), deleteThreshold: input.deleteThreshold ?? null,
      },
      connectorType(input.type).secretFields,
    );
  }

  /** Updates a connector; omitted fields keep their values. */
  updateConnector(idOrName: string, patch: Partial<ConnectorInput>): ConnectorRecord {
    const c = this.connector(idOrName);
    if (patch.type && patch.type !== c.type) throw new EngineError('invalid-request', 'The type of a connector cannot change');
    if (patch.name && patch.name.toLowerCase() !== c.name.toLowerCase() && this.store.connectors.find(patch.name)) {
      throw new EngineError('already-exists', `A connector named "${patch.name}" exists`);
    }
    const config = patch.config ? this.prepareConfig(c.type, patch.config, c.config) : c.config;
    return this.store.connectors.save(
      {
        id: c.id, name: patch.name ?? c.name, type: c.type, description: patch.description ?? c.description, config,
        runProfiles: (patch.runProfiles as RunProfile[] | undefined) ?? c.runProfiles,
        deleteThreshold: patch.deleteThreshold === undefined ? c.deleteThreshold : patch.deleteThreshold,
      },
      connectorType(c.type).secretFields,
    );
  }

  /** Deletes a connector and its connector space; MV objects that lose their last link are deleted. */
  deleteConnector(idOrName: string): void {
    const c = this.connector(idOrName);
    if (this.active.has(c.seq)) throw new EngineError('no-start-ma-already-running', `${c.name} is running`);
    this.store.transaction(() => {
      const mvIds = this.store.cs.deleteConnectorSpace(c.seq);
      this.store.connectors.delete(c.seq);
      // The metaverse objects lose the connector's contributions: recompute them, deleting those nothing keeps alive.
      const env = buildSyncEnv(this.store, null);
      for (const id of mvIds) {
        const ws = new WorkingSet(this.store);
        const mv = ws.mvById(id);
        if (!mv) continue;
        try {
          settleMv(env, ws, mv, null, null);
          ws.flush();
        } catch {
          // A flow error leaves the object as it was; the next full synchronization reports it.
        }
      }
    });
  }

  /** Tests a connector's connection. */
  async testConnector(idOrName: string): Promise<{ ok: boolean; message: string; detail?: string }> {
    const c = this.connector(idOrName);
    const client = openConnector(c.type, c.config);
    try {
      return await client.testConnection({ signal: new AbortController().signal, log: () => {} });
    } catch (err) {
      return { ok: false, message: (err as Error).message };
    } finally {
      await client.close().catch(() => {});
    }
  }

  /** Validates and saves a rule (with precedence placement); returns the saved rule. */
  saveRule(input: unknown): SyncRule {
    const parsed = SyncRule.safeParse(input);
    if (!parsed.success) {
      throw new EngineError('invalid-rule', parsed.error.issues.map((i) => `${i.path.join('.') || '(rule)'}: ${i.message}`).join('; '));
    }
    const connectors = this.store.connectors.list().map((c) => ({ seq: c.seq, id: c.id, name: c.name, createdAt: c.createdAt }));
    const problems = validateRule(parsed.data, connectors, this.store.schema.get());
    if (problems.length) throw new EngineError('invalid-rule', `Rule "${parsed.data.name}": ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    let placed;
    try {
      placed = placeRule(parsed.data, this.store.rules.list().map((r) => r.rule));
    } catch (err) {
      throw new EngineError('invalid-rule', (err as Error).message);
    }
    this.store.transaction(() => {
      for (const m of placed.moved) this.store.rules.put(m);
      this.store.rules.put(placed.rule);
    });
    return placed.rule;
  }

  /** Starts a run profile; resolves with the result when it ends. Refuses a second run of the same connector. */
  async run(idOrName: string, profile: string, options: Omit<RunOptions, 'signal'> & { signal?: AbortSignal }): Promise<RunResult> {
    const c = this.connector(idOrName);
    if (!findProfile(c, profile)) throw new EngineError('no-start-unknown-profile-name', `${c.name} has no run profile "${profile}" (has: ${c.runProfiles.map((p) => p.name).join(', ')})`);
    if (this.active.has(c.seq)) throw new EngineError('no-start-ma-already-running', `${c.name} is already running`);
    const elsewhere = this.store.runs.activeFor(c.seq);
    if (elsewhere) throw new EngineError('no-start-ma-already-running', `${c.name} is already running (run ${elsewhere.id}, ${elsewhere.profile}, started by ${elsewhere.startedBy})`);
    const controller = new AbortController();
    // Removed when the run ends: a cycle passes one signal to all its runs, and listeners would pile up on it.
    const onAbort = () => controller.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const entry: ActiveRun = { runId: null, connector: c.seq, controller, stopStatus: options.stopStatus };
    this.active.set(c.seq, entry);
    try {
      return await runProfile(this.store, c, profile, {
        ...options,
        signal: controller.signal,
        onStart: (runId) => {
          entry.runId = runId;
          options.onStart?.(runId);
        },
      });
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      this.active.delete(c.seq);
    }
  }

  /** Asks a running profile to stop (by run id or connector); true when one was running. */
  stop(target: { runId?: number; connector?: string }): boolean {
    for (const a of this.active.values()) {
      const match = (target.runId !== undefined && a.runId === target.runId) || (target.connector !== undefined && this.store.connectors.find(target.connector)?.seq === a.connector);
      if (match) {
        a.controller.abort();
        return true;
      }
    }
    return false;
  }

  /** True while a run of the connector is active. */
  isRunning(seq: number): boolean {
    return this.active.has(seq);
  }

  /** Finds a CS object by id or DN. */
  csObject(connector: string, ref: { id?: string; dn?: string }): CsObject {
    const c = this.connector(connector);
    const cs = ref.id ? this.store.cs.get(Number(ref.id)) : ref.dn ? this.store.cs.byDn(c.seq, ref.dn) : null;
    if (!cs || cs.connector !== c.seq) throw new EngineError('not-found', `No object ${ref.dn ?? ref.id ?? '(none given)'} in ${c.name}`);
    return cs;
  }

  /** Computes (and with `commit`, applies) the synchronization of one CS object. */
  preview(connector: string, ref: { id?: string; dn?: string }, commit: boolean): PreviewOutcome {
    const cs = this.csObject(connector, ref);
    const env = buildSyncEnv(this.store, null);
    const ws = new WorkingSet(this.store);
    const trace = newTrace();
    let error: PreviewOutcome['error'] = null;
    try {
      syncObject(env, ws, structuredClone(cs), null, trace);
    } catch (err) {
      error = { code: err instanceof FlowError ? err.code : 'unexpected-error', message: err instanceof Error ? err.message : String(err) };
    }
    const after = ws.csById(cs.id);
    let committed = false;
    if (commit && !error) {
      this.store.transaction(() => ws.flush());
      committed = true;
    }
    return { cs, stateAfter: after?.state ?? cs.state, trace, error, committed };
  }
}
