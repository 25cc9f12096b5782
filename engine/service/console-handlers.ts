// Handlers of the console methods: global search, object journey, statistics, Operations queries and exports.
import type { consoleMethods } from '../../shared/api/console.ts';
import type { HandlerGroup, HandlersFor } from './handlers.ts';
import type { ServiceContext } from './context.ts';
import { connectorSpaceTotals } from '../store/cs-statistics.ts';
import { wrapErrors } from './engine-handlers.ts';
import { globalSearch } from './console/global-search.ts';
import { objectJourney } from './console/journey.ts';
import { cyclesPage, runsPage } from './console/operations.ts';
import { GridExports } from './console/grid-exports.ts';

type Methods = typeof consoleMethods;

/** Creates the console method handlers. */
export function createConsoleHandlers(ctx: ServiceContext): HandlerGroup<Methods> {
  const engine = () => ctx.engine();
  const exports = new GridExports(ctx);
  const handlers: HandlersFor<Methods> = {
    'search.global': ({ text, limit }) => globalSearch(engine(), text, limit),
    'journey.get': (ref) => objectJourney(engine(), ref),
    'stats.connectors': ({ connector }) => {
      const e = engine();
      const list = connector ? [e.connector(connector)] : e.store.connectors.list();
      return list.map((c) => ({ connector: c.name, connectorId: c.id, type: c.type, ...connectorSpaceTotals(e.store.db, c.seq) }));
    },
    'operations.runs': (q) => runsPage(engine(), q),
    'operations.cycles': (q) => cyclesPage(engine(), q),
    'exports.start': (request) => exports.start(request),
    'exports.get': ({ exportId }) => exports.get(exportId),
    'exports.cancel': ({ exportId }) => exports.cancel(exportId),
    'exports.read': ({ exportId, offset, length }) => exports.read(exportId, offset, length),
  };
  return {
    handlers: wrapErrors(handlers),
    close() {
      exports.close();
    },
  };
}
