// The attributes that name or identify a person, group or device. Find identity looks only at these for
// substrings, and the search text indexes of connector spaces and the metaverse always hold them.

/** The identity attributes as directories and Microsoft Graph spell them. */
export const IDENTITY_NAMES: readonly string[] = [
  'userPrincipalName', 'mail', 'displayName', 'cn', 'name', 'givenName', 'sn', 'employeeID', 'employeeId', 'employeeNumber', 'uid',
  'sAMAccountName', 'accountName', 'onPremisesSamAccountName', 'onPremisesImmutableId', 'sourceAnchor', 'objectGUID', 'objectId', 'id',
  'onPremisesDistinguishedName', 'onPremisesUserPrincipalName', 'mailNickname', 'proxyAddresses', 'groupID', 'groupId',
];

/** Lower-cased names of the identity attributes (attribute names compare case-insensitively here). */
export const IDENTITY_ATTRIBUTES: ReadonlySet<string> = new Set(IDENTITY_NAMES.map((a) => a.toLowerCase()));

/** True when the attribute (any case) is an identity attribute. */
export function isIdentityAttribute(name: string): boolean {
  return IDENTITY_ATTRIBUTES.has(name.toLowerCase());
}
