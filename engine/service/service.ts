// The API implemented on the engine: validates every request and response against shared/api.ts.
import path from 'node:path';
import { apiMethods, isMethodName, type EventName, type EventPayload, type MethodName, type ResponseOf } from '../../shared/api.ts';
import type { HostKind, LogLine } from '../../shared/model/system.ts';
import type { ServiceContext } from './context.ts';
import { EngineLockManager, recoverAbandonedLock } from './lock.ts';
import { prepareDataDirectory, protectDatabaseFiles } from './data-directory.ts';
import { ApiError } from './api-error.ts';
import { createSystemHandlers, LogRing, systemStatus } from './system-handlers.ts';
import { createEngineHandlers } from './engine-handlers.ts';
import { createWizardHandlers } from './wizard-handlers.ts';
import { createEntraConnectHandlers } from './entra-connect-handlers.ts';
import { createWorkspaceHandlers } from './workspace-handlers.ts';
import { createMigrationHandlers } from './migration-handlers.ts';
import { createConsoleHandlers } from './console-handlers.ts';
import { RunWatcher } from './console/run-watcher.ts';
import { SETTINGS_FILE } from '../scheduler/settings-file.ts';
import { EXPORT_CONFIRMATIONS_FILE } from '../scheduler/staging-gate.ts';
import { APPROVALS_FILE } from '../sync/deletion-threshold.ts';
import { createRulesHandlers } from './rules-handlers.ts';
import { createEntraExtensionHandlers } from './entra-extensions-handlers.ts';
import { SyncEngine } from '../sync/engine.ts';
import { storeMayExist } from '../store/store-location.ts';

export interface ServiceOptions {
  readonly home: string;
  readonly host: HostKind;
  readonly secretKey?: Buffer;
  /** Run the scheduler in this service (default: in the console hosts, not in the CLI). */
  readonly schedule?: boolean;
  /** Idle time after which an open installation wizard is closed (default WIZARD_IDLE_MS). */
  readonly wizardIdleMs?: number;
  /** Watch the run table and report runs started elsewhere (default: in the console hosts, not in the CLI). */
  readonly watchRuns?: boolean;
  /** Receives every event (the host relays it to its clients). */
  readonly onEvent?: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
}

type AnyHandler = (request: unknown) => unknown;

/** One engine behind the API: dispatches validated calls to the handler groups. */
export class ApiService {
  readonly context: ServiceContext;
  private readonly handlers: Record<string, AnyHandler>;
  private readonly groups: { close(): Promise<void> | void }[];
  private syncEngine: SyncEngine | null = null;
  private readonly watcher: RunWatcher | null = null;

  constructor(options: ServiceOptions) {
    const notes = [prepareDataDirectory(options.home), recoverAbandonedLock(options.home)].filter((n): n is string => n !== null);
    const logs = new LogRing();
    const startedAt = new Date().toISOString();
    const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => options.onEvent?.(event, payload);
    const databasePath = path.join(options.home, 'idsync.sqlite');
    const lock = new EngineLockManager(options.home, () => emit('state.changed', systemStatus(this.context, startedAt)), options.host, (m) => warn(m));
    const warn = (message: string) => {
      // Visible where the operator looks: the console's log view and the terminal.
      this.context.log('warn', 'engine', message);
      process.stderr.write(`idsync: warning: ${message}\n`);
    };
    this.context = {
      home: options.home,
      host: options.host,
      databasePath,
      secretKey: options.secretKey,
      lock,
      ownRuns: new Set(),
      emit,
      call: (method, request) => this.dispatch(method, request),
      engine: () => {
        if (!this.syncEngine) {
          protectDatabaseFiles(databasePath);
          this.syncEngine = SyncEngine.open(databasePath, options.secretKey ? { key: options.secretKey } : {});
        }
        return this.syncEngine;
      },
      log: (level: LogLine['level'], source: string, message: string) => {
        const line: LogLine = { time: new Date().toISOString(), level, source, message };
        logs.push(line);
        emit('log.line', line);
      },
    };
    const system = createSystemHandlers(this.context, logs, startedAt);
    const engine = createEngineHandlers(this.context);
    const workspace = createWorkspaceHandlers(this.context);
    for (const note of notes) warn(note);
    const wizard = createWizardHandlers(this.context, { idleMs: options.wizardIdleMs });
    // Takes the data directory's host lock and starts the scheduler in console hosts.
    const entraConnect = createEntraConnectHandlers(this.context, { schedule: options.schedule });
    const migration = createMigrationHandlers(this.context);
    const rules = createRulesHandlers(this.context);
    const consoleGroup = createConsoleHandlers(this.context);
    const extensions = createEntraExtensionHandlers(this.context);
    this.groups = [system, engine, workspace, wizard, entraConnect, migration, rules, consoleGroup, extensions];
    this.handlers = {
      ...system.handlers, ...engine.handlers, ...workspace.handlers, ...wizard.handlers, ...entraConnect.handlers, ...migration.handlers, ...rules.handlers, ...consoleGroup.handlers,
      ...extensions.handlers,
    } as Record<string, AnyHandler>;
    if (options.watchRuns ?? options.host !== 'cli') {
      const ctx = this.context;
      // An existing database is opened now, so the runs it already holds are not reported as new.
      if (storeMayExist(ctx.databasePath)) ctx.engine();
      this.watcher = new RunWatcher({
        // Only once the engine is open: watching must not create a database in an empty directory.
        store: () => this.syncEngine?.store ?? null,
        emit,
        reportedElsewhere: (runId) => ctx.ownRuns?.has(runId) ?? false,
        onActiveChange: () => emit('state.changed', systemStatus(ctx, startedAt)),
        files: [SETTINGS_FILE, APPROVALS_FILE, EXPORT_CONFIRMATIONS_FILE].map((f) => path.join(options.home, f)),
      });
      this.watcher.start();
    }
  }

  /** Validates the request, runs the handler and validates its response. */
  async dispatch<M extends MethodName>(method: M | string, request: unknown): Promise<ResponseOf<M>> {
    if (!isMethodName(method)) throw new ApiError('unknown-method', `Unknown API method: ${String(method)}`);
    const handler = this.handlers[method];
    if (!handler) throw new ApiError('not-implemented', `API method ${method} is not implemented by this engine`);
    const def = apiMethods[method];
    const parsed = def.request.parse(request ?? {});
    const result = await handler(parsed);
    return def.response.parse(result) as ResponseOf<M>;
  }

  /** Releases databases and connections. */
  async close(): Promise<void> {
    this.watcher?.stop();
    for (const group of this.groups) await group.close();
    this.syncEngine?.close();
    this.syncEngine = null;
  }
}
