// What Graph lets a client write on each object kind, and how objects are projected with `$select`.
import { badRequest, GraphFault } from './graph-fault.ts';
import type { DirectoryObject, ObjectKind, Props } from './directory.ts';
import { isExtensionName, type ApplicationRegistry } from './applications.ts';
import { checkSelectedExtensions } from './extension-values.ts';

/** Properties returned when a request has no `$select` (Graph's default sets). */
export const DEFAULT_SELECT: Record<ObjectKind, readonly string[]> = {
  user: ['businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation',
    'preferredLanguage', 'surname', 'userPrincipalName', 'id'],
  group: ['id', 'displayName', 'description', 'groupTypes', 'mail', 'mailEnabled', 'mailNickname', 'securityEnabled',
    'proxyAddresses', 'onPremisesSyncEnabled', 'createdDateTime'],
  contact: ['id', 'displayName', 'givenName', 'surname', 'mail', 'mailNickname', 'companyName', 'proxyAddresses',
    'onPremisesSyncEnabled'],
};

const REQUIRED_ON_CREATE: Partial<Record<ObjectKind, readonly string[]>> = {
  user: ['accountEnabled', 'displayName', 'mailNickname', 'userPrincipalName', 'passwordProfile'],
  group: ['displayName', 'mailEnabled', 'mailNickname', 'securityEnabled'],
};

const READ_ONLY: Record<ObjectKind, readonly string[]> = {
  user: ['id', 'proxyAddresses', 'onPremisesSyncEnabled', 'onPremisesLastSyncDateTime', 'onPremisesSecurityIdentifier',
    'onPremisesDomainName', 'onPremisesSamAccountName', 'createdDateTime', 'deletedDateTime'],
  group: ['id', 'proxyAddresses', 'onPremisesSyncEnabled', 'onPremisesLastSyncDateTime', 'onPremisesSecurityIdentifier',
    'mail', 'createdDateTime', 'deletedDateTime'],
  contact: [],
};

/** Properties an administrator may still change on an object mastered on-premises. */
const WRITABLE_WHEN_SYNCED = new Set(['usageLocation', 'preferredLanguage', 'preferredDataLocation']);

const RESOURCE_NAME: Record<ObjectKind, string> = { user: 'User', group: 'Group', contact: 'OrgContact' };

/** Refuses every write to organizational contacts: they are read-only in Microsoft Graph. */
export function refuseContactWrite(method: string): GraphFault {
  return new GraphFault(405, 'Request_BadRequest',
    `The '${method}' method is not supported for orgContact. Organizational contacts are synchronized from on-premises directories or from Exchange Online and are read-only in Microsoft Graph.`);
}

/** Characters Graph refuses in a mailNickname (besides non-ASCII ones): `@ () \ [] " ; : <> , SPACE`. */
const MAIL_NICKNAME_FORBIDDEN = /[@()\\[\]";:<>,\s]/;

function invalidValue(kind: ObjectKind, key: string): GraphFault {
  return badRequest(`Invalid value specified for property '${key}' of resource '${RESOURCE_NAME[kind]}'.`);
}

/** A mailNickname Graph accepts: 1 to 64 ASCII characters without the forbidden ones. */
export function validMailNickname(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0 && value.length <= 64 && /^[\x00-\x7f]*$/.test(value) && !MAIL_NICKNAME_FORBIDDEN.test(value);
}

/** Checks a create or update body against read-only, required (never clearable) and validated properties. */
export function checkWritable(kind: ObjectKind, body: Props, creating: boolean, verifiedDomains: readonly string[]): void {
  for (const key of Object.keys(body)) {
    if (key.includes('@odata.')) continue;
    if (READ_ONLY[kind].includes(key)) throw badRequest(`Property '${key}' is read-only and cannot be set.`);
  }
  for (const key of REQUIRED_ON_CREATE[kind] ?? []) {
    // Required on create, and an update cannot clear them either.
    const absent = body[key] === undefined;
    if ((creating && absent) || (!absent && (body[key] === null || body[key] === ''))) throw invalidValue(kind, key);
  }
  if ('mailNickname' in body && kind !== 'contact' && !validMailNickname(body.mailNickname)) throw invalidValue(kind, 'mailNickname');
  const upn = body.userPrincipalName;
  if (kind === 'user' && upn !== undefined) {
    const at = typeof upn === 'string' ? upn.lastIndexOf('@') : -1;
    if (typeof upn !== 'string' || at < 1 || /[\s"(),:;<>[\\\]]/.test(upn)) throw invalidValue(kind, 'userPrincipalName');
    const domain = upn.slice(at + 1).toLowerCase();
    if (!verifiedDomains.some((d) => d.toLowerCase() === domain)) {
      throw badRequest('The domain portion of the userPrincipalName property is invalid. You must use one of the verified domain names in your organization.');
    }
  }
  if (kind === 'group' && creating) checkCreatableGroupKind(body);
  const immutableId = body.onPremisesImmutableId;
  if (typeof immutableId === 'string' && /[$_]/.test(immutableId)) throw invalidValue(kind, 'onPremisesImmutableId');
}

/**
 * Graph creates only Microsoft 365 groups (groupTypes Unified, mail-enabled) and security groups (not mail-enabled,
 * security-enabled); mail-enabled security groups and distribution lists belong to Exchange Online, and a group that
 * is neither mail- nor security-enabled is no group type at all.
 */
function checkCreatableGroupKind(body: Props): void {
  const unified = Array.isArray(body.groupTypes) && body.groupTypes.includes('Unified');
  if (unified) {
    if (body.mailEnabled !== true) throw badRequest('A Microsoft 365 group (groupTypes Unified) must be mail-enabled.');
    return;
  }
  if (body.mailEnabled === true) throw badRequest('Cannot Create a mail-enabled security groups and or distribution list.');
  if (body.securityEnabled !== true) {
    throw badRequest('A group that is neither mail-enabled nor security-enabled cannot be created: create a security group (securityEnabled true) or a Microsoft 365 group (groupTypes Unified).');
  }
}

/** Refuses changes to an object whose source of authority is on-premises. */
export function checkNotMastered(obj: DirectoryObject, properties: readonly string[] | 'delete' | 'members'): void {
  if (obj.props.onPremisesSyncEnabled !== true) return;
  if (Array.isArray(properties) && properties.every((p) => WRITABLE_WHEN_SYNCED.has(p))) return;
  throw badRequest('Unable to update the specified properties for on-premises mastered Directory Sync objects or objects currently undergoing migration.');
}

/**
 * Parses `$select` into a property list (default set when absent). Directory extensions are never in the default
 * set (v1.0 returns them only when selected); a selected one must be declared on the object type.
 */
export function parseSelect(kind: ObjectKind, select: string | null, registry?: ApplicationRegistry): readonly string[] {
  if (!select) return DEFAULT_SELECT[kind];
  let props = select.split(',').map((s) => s.trim()).filter(Boolean);
  if (registry) {
    checkSelectedExtensions(registry, kind, props);
    props = props.map((p) => (isExtensionName(p) ? registry.definitionFor(kind, p)!.name : p));
  }
  return props.includes('id') ? props : ['id', ...props];
}

/** The JSON of an object with the selected properties (absent ones are null, as Graph returns them). */
export function project(obj: DirectoryObject, select: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of select) {
    if (key === 'members') continue;
    out[key] = key === 'id' ? obj.id : cloneValue(key, obj.props[key]);
  }
  return out;
}

const COLLECTIONS = new Set(['businessPhones', 'proxyAddresses', 'groupTypes', 'otherMails', 'imAddresses']);

function cloneValue(key: string, value: unknown): unknown {
  if (value === undefined || value === null) return COLLECTIONS.has(key) ? [] : null;
  return Array.isArray(value) ? [...(value as unknown[])] : value;
}
