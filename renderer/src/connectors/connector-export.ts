// The Export Connector file and the read-only configuration view: secrets never leave masked.
import { SECRET_MASK, type ConnectorDetail } from '../../../shared/model/connectors.ts';

/** One line of the configuration view: a dotted path and its value as text. */
export interface ConfigRow {
  readonly path: string;
  readonly value: string;
  readonly secret: boolean;
}

// Field names that hold secrets even when the connector type forgot to declare them.
const SECRET_NAME = /pass(word)?|secret|token|credential|private.?key|client.?key/i;

function isSecret(path: string, secretFields: readonly string[]): boolean {
  const leaf = path.split('.').pop() ?? path;
  return secretFields.includes(path) || secretFields.includes(leaf) || SECRET_NAME.test(leaf);
}

/** A copy of a configuration with every secret (declared or by name) replaced by the mask. */
export function maskSecrets(config: Record<string, unknown>, secretFields: readonly string[], prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isSecret(path, secretFields) && value !== null && value !== undefined && value !== '') out[key] = SECRET_MASK;
    else if (value && typeof value === 'object' && !Array.isArray(value)) out[key] = maskSecrets(value as Record<string, unknown>, secretFields, path);
    else out[key] = value;
  }
  return out;
}

/** The configuration flattened to rows for the properties view, secrets masked. */
export function configRows(config: Record<string, unknown>, secretFields: readonly string[]): ConfigRow[] {
  const rows: ConfigRow[] = [];
  const walk = (obj: Record<string, unknown>, prefix: string) => {
    for (const [key, value] of Object.entries(obj)) {
      const path = prefix ? `${prefix}.${key}` : key;
      const secret = isSecret(path, secretFields);
      if (!secret && value && typeof value === 'object' && !Array.isArray(value)) walk(value as Record<string, unknown>, path);
      else rows.push({ path, secret, value: secret && value ? SECRET_MASK : typeof value === 'string' ? value : JSON.stringify(value) ?? '' });
    }
  };
  walk(config, '');
  return rows;
}

/** The JSON document of Export Connector: the configuration a connector can be re-created from, without secrets. */
export function connectorExportDocument(detail: ConnectorDetail): Record<string, unknown> {
  return {
    format: 'idsync-connector',
    version: 1,
    name: detail.name,
    type: detail.type,
    description: detail.description,
    config: maskSecrets(detail.config, detail.secretFields),
    runProfiles: detail.runProfiles,
    deleteThreshold: detail.deleteThreshold,
  };
}
