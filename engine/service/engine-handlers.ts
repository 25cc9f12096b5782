// Handlers of the engine methods (connectors, runs, connector spaces, metaverse, ...).
import type { engineMethods } from '../../shared/api/engine.ts';
import type { HandlerGroup, HandlersFor } from './handlers.ts';
import type { ServiceContext } from './context.ts';

/** Creates the engine method handlers over the store in the context's data directory. */
export function createEngineHandlers(_ctx: ServiceContext): HandlerGroup<typeof engineMethods> {
  // Being built: methods without a handler answer `not-implemented`.
  return { handlers: {} as HandlersFor<typeof engineMethods>, close() {} };
}
