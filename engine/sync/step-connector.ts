// Opening the connector a run step talks to: an invalid configuration ends the step before it starts.
import type { Connector } from '../connectors/contract.ts';
import { openConnector } from '../connectors/registry.ts';
import type { ConnectorRecord } from '../store/connector-store.ts';
import type { StepOutcome } from './step-context.ts';

/** The step's connector, or the `no-start-connection` outcome that names the configuration problem. */
export function openStepConnector(connector: ConnectorRecord): { client: Connector } | { outcome: StepOutcome } {
  try {
    return { client: openConnector(connector.type, connector.config) };
  } catch (err) {
    return { outcome: { status: 'no-start-connection', message: `Connector configuration is invalid: ${(err as Error).message}` } };
  }
}
