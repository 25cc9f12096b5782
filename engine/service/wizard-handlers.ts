// Handlers of the installation wizard: one session at a time, holding the engine lock and the scheduler
// suspended while open; cancel restores both and writes nothing.
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

/** Creates the wizard handlers over the context's data directory. */
export function createWizardHandlers(ctx: ServiceContext): HandlerGroup<typeof wizardMethods> {
  const getEngine = (): SyncEngine => ctx.engine();
  const settings = new SettingsFile(ctx.home);
  let session: WizardSession | null = null;
  let release: (() => void) | null = null;
  let suspendedBefore = false;

  const current = (): WizardSession => {
    if (!session) throw new ApiError('wizard-not-open', 'The installation wizard is not open; open it with Configure');
    return session;
  };
  const releaseLock = (): void => {
    release?.();
    release = null;
  };
  const end = (restoreScheduler: boolean): void => {
    session?.dispose();
    session = null;
    if (restoreScheduler && release) settings.update((s) => ({ ...s, schedulerSuspended: suspendedBefore }));
    releaseLock();
  };

  return {
    handlers: {
      'wizard.open': () => {
        if (session) return session.view();
        release = ctx.lock.acquire(HOLDER, 'wizard');
        try {
          suspendedBefore = settings.load().schedulerSuspended;
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
    },
    close() {
      end(true);
    },
  };
}
