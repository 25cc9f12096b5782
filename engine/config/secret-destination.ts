// A stored secret goes only where it went before: when a field that says where a connector sends its secret
// (server, account, tenant, authority, API address, trust settings) changes, a masked or missing secret is not
// carried over to the new destination; the administrator has to enter it again. Otherwise whoever may import a
// configuration could point a connector at their own server and collect the stored password in clear text.
import { SECRET_MASK } from '../../shared/model/connectors.ts';
import { connectorTypes } from '../connectors/registry.ts';

/** Per connector type, the configuration fields that identify where its secrets are sent. */
export const SECRET_DESTINATION_FIELDS: Readonly<Record<string, readonly string[]>> = {
  ldap: ['url', 'bindDn', 'security', 'rejectUnauthorized', 'caPem', 'tlsServerName'],
  entra: ['tenantId', 'clientId', 'authorityHost', 'graphBaseUrl', 'caPem'],
  test: ['directory', 'dataFile'],
};

/** Fields compared exactly (file contents, paths); the others are host names, DNs and ids, compared without case. */
const EXACT = new Set(['caPem', 'dataFile']);

function comparable(field: string, value: unknown): string {
  if (value === undefined || value === null || value === '') return '';
  const list = Array.isArray(value) ? value : [value];
  const text = list.map((v) => (typeof v === 'string' ? v.trim().replace(/\/+$/, '') : JSON.stringify(v))).join('\n');
  return EXACT.has(field) ? text : text.toLowerCase();
}

/** The configuration with its type's defaults applied, or null when it is not valid. */
function normalized(type: string, config: Record<string, unknown>): Record<string, unknown> | null {
  const parsed = connectorTypes.get(type)?.configSchema.safeParse(config);
  return parsed?.success && typeof parsed.data === 'object' && parsed.data !== null ? (parsed.data as Record<string, unknown>) : null;
}

/** The destination fields whose values differ between two configurations (or inputs) of a connector type. */
export function destinationChanges(type: string, before: Record<string, unknown>, after: Record<string, unknown>, fields = SECRET_DESTINATION_FIELDS[type] ?? []): string[] {
  return fields.filter((f) => comparable(f, before[f]) !== comparable(f, after[f]));
}

/** Destination changes between a stored configuration and a new one, with the type's defaults on both sides. */
function configChanges(type: string, stored: Record<string, unknown>, next: Record<string, unknown>): string[] {
  const before = normalized(type, stored) ?? stored;
  const after = normalized(type, next);
  // An invalid new configuration is refused for its own problems; only the fields it names are compared here.
  const fields = (SECRET_DESTINATION_FIELDS[type] ?? []).filter((f) => after !== null || next[f] !== undefined);
  return destinationChanges(type, before, after ?? next, fields);
}

/** True when a secret field holds nothing new: the mask, or nothing at all. */
export function secretNotGiven(value: unknown): boolean {
  return value === undefined || value === SECRET_MASK;
}

/** Why a stored secret may not be reused, as a message that asks for it again. */
export function secretRefusal(field: string, changed: readonly string[]): string {
  return `the stored ${field} is not carried over because ${changed.join(', ')} changed (it would be sent to a new destination); enter the ${field} again`;
}

export interface CarriedSecrets {
  /** The configuration with the stored secrets filled in where allowed. */
  readonly config: Record<string, unknown>;
  /** One problem per secret field that was not carried over: field and message. */
  readonly refused: readonly { readonly field: string; readonly message: string }[];
}

/**
 * Fills masked or missing secrets from the stored configuration, unless a destination field changed; a secret
 * without a stored value is left out (the type's schema then says it is required).
 */
export function carrySecrets(type: string, config: Record<string, unknown>, stored: Record<string, unknown> | null): CarriedSecrets {
  const secretFields = connectorTypes.get(type)?.secretFields ?? [];
  const out = { ...config };
  const refused: { field: string; message: string }[] = [];
  const pending = secretFields.filter((f) => secretNotGiven(out[f]));
  for (const f of pending) delete out[f];
  if (!stored || pending.length === 0) return { config: out, refused };
  const withStored = { ...out };
  for (const f of pending) if (stored[f] !== undefined) withStored[f] = stored[f];
  const changed = configChanges(type, stored, withStored);
  for (const f of pending) {
    if (stored[f] === undefined) continue;
    if (changed.length) refused.push({ field: f, message: secretRefusal(f, changed) });
    else out[f] = stored[f];
  }
  return { config: out, refused };
}
