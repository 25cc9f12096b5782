// Connector types by name: the engine creates connectors only through this map.
import type { Connector, ConnectorType } from './contract.ts';
import { testConnectorType } from './test-connector/index.ts';
import { fileConnectorType } from './file/index.ts';
import { ldapConnectorType } from './ldap/index.ts';
import { entraConnectorType } from './entra/index.ts';

/** Every connector type this build knows. */
export const connectorTypes: ReadonlyMap<string, ConnectorType<unknown>> = new Map(
  ([testConnectorType, fileConnectorType, ldapConnectorType, entraConnectorType] as ConnectorType<unknown>[]).map((t) => [t.type, t]),
);

/** A live connector of a type from a configuration it validates first (zod errors name the bad field). */
export function openConnector(type: string, config: unknown): Connector {
  const t = connectorType(type);
  return t.create(t.configSchema.parse(config));
}

/** The connector type for a name; throws a clear error for an unknown type. */
export function connectorType(name: string): ConnectorType<unknown> {
  const t = connectorTypes.get(name);
  if (!t) throw new Error(`Unknown connector type "${name}" (known: ${[...connectorTypes.keys()].join(', ')})`);
  return t;
}
