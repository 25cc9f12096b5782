// Handlers of the installation wizard: one session at a time, holding the engine lock and the scheduler
// suspended while open; cancel restores both and writes nothing. A session left alone for WIZARD_IDLE_MS (its
// browser tab closed, say) is cancelled the same way, so it cannot hold the engine forever.
import type { wizardMethods } from '../../shared/api/wizard.ts';
import { SECRET_MASK } from '../../shared/model/connectors.ts';
import { SettingsFile } from '../scheduler/settings-file.ts';
import { type SyncEngine } from '../sync/engine.ts';
import { readAppliedSettings, writeSnapshot } from '../wizard/applied-settings.ts';
import { closedView } from '../wizard/closed-view.ts';
import { directoryContainers, testDirectory } from '../wizard/directory-probe.ts';
import { WizardSession } from '../wizard/session.ts';
import { DEFAULT_GRAPH_BASE_URL } from '../wizard/tenant-probe.ts';
import { ApiError } from './api-error.ts';
import { destinationChanges, secretRefusal } from '../config/secret-destination.ts';
import type { ServiceContext } from './context.ts';
import type { HandlerGroup } from './handlers.ts';

const HOLDER = 'Installation wizard';

/** An open wizard with no call for this long is cancelled: 30 minutes. */
export const WIZARD_IDLE_MS = 30 * 60 * 1000;

export interface WizardHandlerOptions {
  /** Idle time before an open session is cancelled (default WIZARD_IDLE_MS). */
  readonly idleMs?: number;
}

/** Creates the wizard handlers over the context's data directory. */
export function createWizardHandlers(ctx: ServiceContext, options: WizardHandlerOptions = {}): HandlerGroup<typeof wizardMethods> {
  const getEngine = (): SyncEngine => ctx.engine();
  const settings = new SettingsFile(ctx.home);
  const idleMs = options.idleMs ?? WIZARD_IDLE_MS;
  let session: WizardSession | null = null;
  let release: (() => void) | null = null;
  let suspendedBefore = false;
  let idleTimer: NodeJS.Timeout | null = null;
  let busy = 0;

  const current = (): WizardSession => {
    if (!session) throw new ApiError('wizard-not-open', 'The installation wizard is not open; open it with Configure');
    return session;
  };
  const releaseLock = (): void => {
    release?.();
    release = null;
  };
  const end = (restoreScheduler: boolean): void => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    session?.dispose();
    session = null;
    if (restoreScheduler && release) settings.update((s) => ({ ...s, schedulerSuspended: suspendedBefore }));
    releaseLock();
  };

  /** Re-arms the idle timer; it fires only between calls, never while one is being answered. */
  const touch = (): void => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    if (!session || busy > 0) return;
    idleTimer = setTimeout(() => {
      if (!session || busy > 0) return;
      ctx.log('warn', 'wizard', `The installation wizard was left open for ${Math.round(idleMs / 60000)} minutes without activity and was cancelled; nothing was changed and the engine is free again`);
      end(true);
    }, idleMs);
    idleTimer.unref();
  };
  /** Wraps a handler so that each call counts as activity. */
  const active = <A extends unknown[], R>(fn: (...a: A) => R) => async (...a: A): Promise<Awaited<R>> => {
    busy++;
    if (idleTimer) clearTimeout(idleTimer);
    try {
      return await fn(...a);
    } finally {
      busy--;
      touch();
    }
  };

  const handlers: HandlerGroup<typeof wizardMethods>['handlers'] = {
    'wizard.open': () => {
      if (session) return session.view();
      const before = settings.load().schedulerSuspended;
      release = ctx.lock.acquire(HOLDER, 'wizard', { schedulerSuspendedBefore: before });
      try {
        suspendedBefore = before;
        settings.update((s) => ({ ...s, schedulerSuspended: true }));
        session = new WizardSession({
          home: ctx.home,
          engine: getEngine,
          log: (level, message) => ctx.log(level, 'wizard', message),
          onApplied: (cycle) => {
            releaseLock();
            return cycle ? { release: ctx.lock.acquire('Initial synchronization cycle (installation wizard)', 'run') } : { release() {} };
          },
        }, readAppliedSettings(ctx.home));
      } catch (err) {
        end(true);
        throw err;
      }
      ctx.log('info', 'wizard', 'Installation wizard opened; the scheduler is suspended');
      return session.view();
    },
    'wizard.get': () => session?.view() ?? closedView(readAppliedSettings(ctx.home)),
    'wizard.submit': async (request) => {
      const s = current();
      await s.submit(request);
      return s.view();
    },
    'wizard.back': () => {
      const s = current();
      s.back();
      return s.view();
    },
    'wizard.deviceCode': async (request) => {
      const s = current();
      await s.startDeviceCode(request, request.graphBaseUrl || DEFAULT_GRAPH_BASE_URL);
      return s.view();
    },
    'wizard.testDirectory': async (request) => {
      const held = request.password === SECRET_MASK ? current().directory(request.name) : null;
      const changed = held ? destinationChanges('ldap', held, request) : [];
      if (changed.length) return { ok: false, message: `${request.name}: ${secretRefusal('password', changed)}` };
      const result = await testDirectory(held ? { ...request, password: held.password } : request);
      return { ok: result.ok, message: result.message };
    },
    'wizard.containers': async (request) => {
      const d = current().directory(request.directory);
      if (!d) throw new ApiError('not-found', `${request.directory} is not a connected directory`);
      return directoryContainers(d);
    },
    'wizard.refreshDomains': async () => {
      const s = current();
      await s.refreshDomains();
      return s.view();
    },
    'wizard.cancel': () => {
      if (session) ctx.log('info', 'wizard', 'Installation wizard cancelled; nothing was changed');
      end(true);
      return { ok: true as const };
    },
    'wizard.close': () => {
      end(true);
      return { ok: true as const };
    },
    'wizard.exportSettings': () => {
      const applied = readAppliedSettings(ctx.home);
      return { file: applied ? writeSnapshot(ctx.home, applied) : null, settings: applied };
    },
  };
  return {
    handlers: Object.fromEntries(Object.entries(handlers).map(([name, fn]) => [name, active(fn as (r: unknown) => unknown)])) as typeof handlers,
    close() {
      end(true);
    },
  };
}
