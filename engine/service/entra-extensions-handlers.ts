// Handlers of the directory extension methods (shared/api/entra-extensions.ts): they sign in to the tenant with the
// Entra connector's own settings, act on its extension application, and queue the full import a change needs.
import type { entraExtensionMethods } from '../../shared/api/entra-extensions.ts';
import type { HandlerGroup, HandlersFor } from './handlers.ts';
import type { ServiceContext } from './context.ts';
import { ApiError } from './api-error.ts';
import { EntraConnector, entraConfigSchema, type ExtensionProperty } from '../connectors/entra/index.ts';
import type { ConnectorRecord } from '../store/connector-store.ts';
import { addExtensionFlow } from './entra-extension-flow.ts';

type Methods = typeof entraExtensionMethods;

const view = (d: ExtensionProperty) => ({
  name: d.name, shortName: d.shortName, dataType: d.dataType, isMultiValued: d.isMultiValued, targetObjects: [...d.targetObjects], isSyncedFromOnPremises: d.isSyncedFromOnPremises,
});

/** Creates the handlers. */
export function createEntraExtensionHandlers(ctx: ServiceContext): HandlerGroup<Methods> {
  const engine = () => ctx.engine();

  /** The Entra connector named, or the only one. */
  const entraConnector = (name: string | undefined): ConnectorRecord => {
    if (name) {
      const c = engine().store.connectors.find(name);
      if (!c) throw new ApiError('not-found', `No connector "${name}"`);
      if (c.type !== 'entra') throw new ApiError('invalid-request', `${c.name} is a ${c.type} connector; directory extensions belong to an Entra ID connector`);
      return c;
    }
    const all = engine().store.connectors.list().filter((c) => c.type === 'entra');
    if (all.length === 1) return all[0]!;
    throw new ApiError('invalid-request', all.length === 0
      ? 'There is no Entra ID connector (create one with idsync setup or idsync connector create --type entra)'
      : `Several Entra ID connectors exist (${all.map((c) => c.name).join(', ')}): name one`);
  };

  /** Runs `fn` on a live connection of the connector; Graph's refusals become readable API errors. */
  const withConnector = async <T>(c: ConnectorRecord, fn: (live: EntraConnector) => Promise<T>, config: Record<string, unknown> = c.config): Promise<T> => {
    let live: EntraConnector | undefined;
    try {
      live = new EntraConnector(entraConfigSchema.parse(config));
      return await fn(live);
    } catch (err) {
      if (err instanceof ApiError) throw err;
      throw new ApiError('entra-request-failed', `${c.name}: ${(err as Error).message}`);
    } finally {
      await live?.close().catch(() => {});
    }
  };

  const list = (c: ConnectorRecord, config: Record<string, unknown> = c.config) => withConnector(c, async (live) => {
    const admin = live.directoryExtensions();
    const [app, defs] = await Promise.all([admin.application(), admin.list()]);
    return {
      connector: c.name, app: { appId: app.appId, id: app.id, displayName: app.displayName },
      createMissing: admin.app.createMissing, prefix: admin.prefix, extensions: defs.map(view),
    };
  }, config);

  /** The next sync cycle reads the connector in full, so new or removed extension values are seen everywhere. */
  const queueFullImport = async (c: ConnectorRecord): Promise<void> => {
    const current = (await ctx.call('scheduler.get', {})).ConnectorOverrides[c.id];
    await ctx.call('scheduler.override', { connector: c.id, fullImportRequired: true, fullSyncRequired: current?.fullSyncRequired ?? false });
  };

  const handlers: HandlersFor<Methods> = {
    'entra.extensions.list': ({ connector }) => list(entraConnector(connector)),
    'entra.extensions.setApp': async ({ connector, appId, createMissing }) => {
      const c = entraConnector(connector);
      const previous = (c.config.extensionApp ?? {}) as { createMissing?: boolean };
      const config = { ...c.config, extensionApp: { appId, createMissing: createMissing ?? previous.createMissing ?? false } };
      // Read in the tenant first: a mistyped appId is refused before it is saved.
      const found = await list(c, config);
      engine().updateConnector(c.id, { config });
      await queueFullImport(c);
      ctx.log('info', 'entra', `${c.name}: extension application set to ${found.app.displayName} (${appId})`);
      return found;
    },
    'entra.extensions.add': async ({ connector, name, dataType, multiValued, targets }) => {
      const c = entraConnector(connector);
      const created = await withConnector(c, (live) => live.directoryExtensions().add({ name, dataType, isMultiValued: multiValued, targetObjects: targets }));
      await queueFullImport(c);
      ctx.log('info', 'entra', `${c.name}: registered the directory extension ${created.name} (${created.dataType}, ${created.targetObjects.join(', ')})`);
      return { connector: c.name, extension: view(created), fullImportRequired: true as const };
    },
    'entra.extensions.addFlow': async ({ connector, ...req }) => {
      const c = entraConnector(connector);
      const flow = await addExtensionFlow(ctx, {
        connector: { id: c.id, name: c.name },
        list: () => withConnector(c, async (live) => (await live.directoryExtensions().list()).map(view)),
        prefix: () => withConnector(c, async (live) => live.directoryExtensions().prefix),
        register: (name) => withConnector(c, async (live) => view(await live.directoryExtensions().add({
          name, dataType: req.dataType, isMultiValued: req.multiValued, targetObjects: [req.objectType === 'user' ? 'User' : 'Group'],
        }))),
      }, req);
      if (flow.registered) await queueFullImport(c);
      ctx.log('info', 'entra', `${c.name}: ${req.source} ${req.attribute} flows to ${flow.extension.name} (rules ${flow.rules.map((r) => r.name).join(', ')})`);
      return flow;
    },
    'entra.extensions.remove': async ({ connector, name }) => {
      const c = entraConnector(connector);
      const removed = await withConnector(c, (live) => live.directoryExtensions().remove(name));
      await queueFullImport(c);
      ctx.log('info', 'entra', `${c.name}: deleted the directory extension ${removed.name}`);
      return { connector: c.name, removed: view(removed) };
    },
  };
  return { handlers, close() {} };
}
