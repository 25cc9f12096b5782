// The Graph properties the connector reads and writes per object type, and their attribute types.
import type { AttributeType } from '../../model/values.ts';
import type { DiscoveredSchema } from '../contract.ts';
import { definitionsOf, type ExtensionProperty } from './directory-extensions.ts';
import { ATTRIBUTE_TYPE } from './extension-values.ts';

export type EntraObjectType = 'user' | 'group' | 'contact';

export interface PropertySpec {
  readonly type: AttributeType;
  readonly multiValued?: boolean;
  /** Graph refuses writes to it (so the connector reports an error instead of sending it). */
  readonly readOnly?: boolean;
}

/** Graph collection per object type. */
export const COLLECTION: Record<EntraObjectType, string> = { user: 'users', group: 'groups', contact: 'contacts' };

/** Prefix of `cloudAnchor` values (`User_<id>`), as Entra Connect's rules expect. */
export const ANCHOR_PREFIX: Record<EntraObjectType, string> = { user: 'User', group: 'Group', contact: 'Contact' };

const S: PropertySpec = { type: 'string' };
const B: PropertySpec = { type: 'boolean' };
const MS: PropertySpec = { type: 'string', multiValued: true };
const RO_B: PropertySpec = { type: 'boolean', readOnly: true };
const RO_MS: PropertySpec = { type: 'string', multiValued: true, readOnly: true };

/** Properties per object type; `member` is the group membership (references by object id). */
export const PROPERTIES: Record<EntraObjectType, Readonly<Record<string, PropertySpec>>> = {
  user: {
    userPrincipalName: S, displayName: S, givenName: S, surname: S, mail: S, mailNickname: S, accountEnabled: B,
    onPremisesImmutableId: S, onPremisesSyncEnabled: RO_B, proxyAddresses: RO_MS, jobTitle: S, department: S,
    companyName: S, employeeId: S, officeLocation: S, city: S, country: S, streetAddress: S, postalCode: S, state: S,
    usageLocation: S, mobilePhone: S, businessPhones: MS, userType: S, preferredLanguage: S, otherMails: MS,
  },
  group: {
    displayName: S, description: S, mail: { type: 'string', readOnly: true }, mailEnabled: B, mailNickname: S,
    securityEnabled: B, groupTypes: MS, proxyAddresses: RO_MS, onPremisesSyncEnabled: RO_B,
    member: { type: 'reference', multiValued: true },
  },
  contact: {
    displayName: S, givenName: S, surname: S, mail: S, mailNickname: S, companyName: S, jobTitle: S, department: S,
    proxyAddresses: MS, onPremisesSyncEnabled: RO_B,
  },
};

/** `$select` list for imports of a type (`member` is read as `members`), with the directory extensions of the type. */
export function selectFor(type: EntraObjectType, extensions: readonly ExtensionProperty[] = []): string {
  return ['id', ...Object.keys(PROPERTIES[type]).map((p) => (p === 'member' ? 'members' : p)), ...definitionsOf(extensions, type).map((d) => d.name)].join(',');
}

/** The schema the connector exposes, with `cloudAnchor` on every type and the registered directory extensions. */
export function entraSchema(extensions: readonly ExtensionProperty[] = []): DiscoveredSchema {
  return {
    objectTypes: (Object.keys(PROPERTIES) as EntraObjectType[]).map((name) => ({
      name,
      attributes: [
        { name: 'cloudAnchor', type: 'string' as const, multiValued: false },
        ...Object.entries(PROPERTIES[name]).map(([attr, spec]) => ({ name: attr, type: spec.type, multiValued: spec.multiValued === true })),
        ...definitionsOf(extensions, name).map((d) => ({ name: d.name, type: ATTRIBUTE_TYPE[d.dataType], multiValued: d.isMultiValued })),
      ],
    })),
  };
}
