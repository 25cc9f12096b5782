// Opening the connector a run step talks to: an invalid configuration ends the step before it starts, and so
// does a connected system that cannot be reached at the step's first exchange with it (no-start-connection);
// a connection lost after that first exchange stops the step (stopped-connectivity).
import type { Connector, ImportIterator } from '../connectors/contract.ts';
import { ConnectivityError } from '../connectors/contract.ts';
import { openConnector } from '../connectors/registry.ts';
import type { ConnectorRecord } from '../store/connector-store.ts';
import { NotStartedError } from './connector-errors.ts';
import type { StepOutcome } from './step-context.ts';

/** The step's connector, or the `no-start-connection` outcome that names the configuration problem. */
export function openStepConnector(connector: ConnectorRecord): { client: Connector } | { outcome: StepOutcome } {
  let client: Connector;
  try {
    client = openConnector(connector.type, connector.config);
  } catch (err) {
    return { outcome: { status: 'no-start-connection', message: `Connector configuration is invalid: ${(err as Error).message}` } };
  }
  return { client: watchFirstExchange(client) };
}

/** Wraps a connector so that a connectivity failure before its first successful exchange becomes NotStartedError. */
function watchFirstExchange(client: Connector): Connector {
  let exchanged = false;
  const first = <T>(p: Promise<T>): Promise<T> =>
    p.then(
      (value) => {
        exchanged = true;
        return value;
      },
      (err: unknown) => {
        if (!exchanged && err instanceof ConnectivityError && !(err instanceof NotStartedError)) {
          throw Object.assign(new NotStartedError(err.message, { cause: err }), { stack: err.stack });
        }
        throw err;
      },
    );
  const iterate = (it: ImportIterator): ImportIterator => {
    const wrapped = {
      next: () => first(it.next()),
      return: (value: string | null) => it.return(value),
      throw: (e: unknown) => it.throw(e),
      [Symbol.asyncIterator]: () => wrapped,
    };
    return wrapped as unknown as ImportIterator;
  };
  return {
    testConnection: (ctx) => client.testConnection(ctx),
    discoverSchema: (ctx) => client.discoverSchema(ctx),
    discoverPartitions: (ctx) => client.discoverPartitions(ctx),
    ...(client.discoverContainers ? { discoverContainers: (partition: string, ctx: Parameters<NonNullable<Connector['discoverContainers']>>[1]) => client.discoverContainers!(partition, ctx) } : {}),
    importFull: (scope, ctx) => iterate(client.importFull(scope, ctx)),
    importDelta: (watermark, scope, ctx) => iterate(client.importDelta(watermark, scope, ctx)),
    export: (batch, ctx) => first(client.export(batch, ctx)),
    close: () => client.close(),
  };
}
