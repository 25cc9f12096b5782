// The metaverse schema of the default configuration (§4.8): person, group and device, with every attribute
// the default rules read or write, plus the attributes the product's schema carries for custom rules.
import type { MvAttributeDef, MvAttributeType, MvSchema } from '../../../shared/model/metaverse.ts';
import type { SyncRule } from '../../../shared/model/sync-rules.ts';
import { generateDefaultRules } from './generate.ts';
import type { DefaultsOptionsInput } from './options.ts';
import { words } from './rule-template.ts';

/** Attributes that are not single-valued strings, by type (everything else is a single-valued string). */
const TYPED: ReadonlyArray<readonly [MvAttributeType, boolean, string]> = [
  ['boolean', false, `accountEnabled cloudFiltered cloudMastered cloudSOAExchMailbox hideDLMembership mailEnabled msExchBypassAudit
    msExchEnableModeration msExchHideFromAddressLists msExchMailboxAuditEnable msExchRequireAuthToSendTo msOrg-IsOrganizational
    msRTCSIP-UserEnabled oOFReplyToOriginator proxyAddressesIsValid reportToOriginator reportToOwner securityEnabled cloudAccountEnabled
    cloudCreated isCompliant isManaged isProvisionedInAD cloudIsManaged`],
  ['reference', false, 'assistant managedBy manager msExchTeamMailboxSharePointLinkedBy secretary seeAlso registeredOwnerReference'],
  ['reference', true, `altRecipient authOrig cloudMSExchDelegateListLink cloudMSExchTeamMailboxOwners cloudPublicDelegates dLMemRejectPerms
    dLMemSubmitPerms member msExchBypassModerationFromDLMembersLink msExchBypassModerationLink msExchCoManagedByLink msExchDelegateListLink
    msExchModeratedByLink msExchTeamMailboxOwners owner publicDelegates unauthOrig registeredUsersReference`],
  ['integer', false, `cloudMSExchArchiveStatus cloudMSExchRecipientDisplayType countryCode memberCount msDS-HABSeniorityIndex msExchArchiveStatus
    msExchAuditAdmin msExchAuditDelegate msExchAuditDelegateAdmin msExchAuditOwner msExchELCMailboxFlags msExchGroupDepartRestriction
    msExchGroupJoinRestriction msExchMailboxAuditLogAgeLimit msExchModerationFlags msExchRecipientDisplayType msExchRecipientTypeDetails
    msExchRemoteRecipientType msExchResourceCapacity msRTCSIP-ApplicationOptions msRTCSIP-OptionFlags approximateLastLogonTimestamp
    deviceObjectVersion lastPasswordChangeTimestamp dirSyncOverrides`],
  ['binary', false, `cloudMSExchBlockedSendersHash cloudMSExchSafeRecipientsHash cloudMSExchSafeSendersHash msExchArchiveGUID
    msExchBlockedSendersHash msExchMailboxGuid msExchMasterAccountSid msExchSafeRecipientsHash msExchSafeSendersHash msRTCSIP-OriginatorSid
    objectSid photo sourceAnchorBinary thumbnailPhoto deviceId`],
  ['string', true, `cloudMSExchUCVoiceMailSettings cloudMSExchUserHoldPolicies msExchArchiveName msExchExtensionCustomAttribute1
    msExchExtensionCustomAttribute2 msExchExtensionCustomAttribute3 msExchExtensionCustomAttribute4 msExchExtensionCustomAttribute5
    msExchResourceMetaData msExchResourceSearchProperties msExchSenderHintTranslations msExchUCVoiceMailSettings msExchUserHoldPolicies
    otherFacsimileTelephoneNumber otherHomePhone otherIpPhone otherMailbox otherMobile otherPager otherTelephone proxyAddresses
    alternativeSecurityId devicePhysicalIds`],
  ['binary', true, 'deviceKey sIDHistory userCertificate userSMIMECertificate'],
];

/** Attributes of each class that no default rule uses but the product's schema has (for custom rules). */
const CLASS_EXTRAS: Readonly<Record<string, string>> = {
  person: 'altRecipient comment division domain employeeID employeeType o objectID objectType otherMailbox ou personalTitle proxyAddressesIsValid secretary seeAlso sIDHistory street uid',
  group: 'accountName altRecipient cloudSOAExchMailbox domain manager msExchLabeledURI o objectID objectType ou owner proxyAddressesIsValid seeAlso targetAddress',
  device: `alternativeSecurityId approximateLastLogonTimestamp cloudAccountEnabled cloudAnchor cloudDeviceOSType cloudDeviceOSVersion
    cloudDisplayName cloudIsManaged deviceKey deviceObjectVersion devicePhysicalIds dirSyncOverrides isCompliant isManaged registeredUsersReference`,
};

/** Attribute types that belong to no class in the product's schema. */
const UNBOUND = ['msExchArchiveStatus', 'msExchUCVoiceMailSettings', 'lastPasswordChangeTimestamp'];

const TYPE_OF = new Map<string, { type: MvAttributeType; multiValued: boolean }>();
for (const [type, multiValued, names] of TYPED) for (const n of words(names)) TYPE_OF.set(n, { type, multiValued });

/** Metaverse attributes a rule reads or writes, with the metaverse object type they belong to. */
function mvAttributesOf(rule: SyncRule): { objectType: string; names: string[] } {
  const names: string[] = rule.joinRules.flatMap((g) => g.map((c) => c.mvAttribute));
  if (rule.direction === 'Inbound') {
    names.push(...rule.attributeFlows.map((f) => f.destination));
    return { objectType: rule.targetObjectType, names };
  }
  names.push(...rule.scopingFilter.flatMap((g) => g.map((c) => c.attribute)));
  for (const f of rule.attributeFlows) {
    names.push(...f.sources);
    for (const m of (f.expression ?? '').matchAll(/\[([^\]]+)\]/g)) names.push(m[1]);
  }
  return { objectType: rule.sourceObjectType, names };
}

/**
 * Builds the schema from every attribute the default rules use on the metaverse side (taken from the rules
 * before the Graph adaptation, which drops flows but must not drop metaverse attributes) and the class extras.
 */
export function defaultMetaverseSchema(options: DefaultsOptionsInput): MvSchema {
  const rules = generateDefaultRules({ ...options, target: 'entra-connect' });
  const classes = new Map<string, Set<string>>(Object.entries(CLASS_EXTRAS).map(([t, extra]) => [t, new Set(words(extra))]));
  const joinKeys = new Set<string>();
  for (const r of rules) {
    for (const g of r.joinRules) for (const c of g) joinKeys.add(c.mvAttribute);
    const { objectType, names } = mvAttributesOf(r);
    const set = classes.get(objectType);
    if (set) for (const n of names) set.add(n);
  }
  const all = new Set<string>(UNBOUND);
  for (const set of classes.values()) for (const n of set) all.add(n);
  const attributes: MvAttributeDef[] = [...all].sort().map((name) => ({
    name, ...(TYPE_OF.get(name) ?? { type: 'string' as const, multiValued: false }), indexed: joinKeys.has(name),
  }));
  return { objectTypes: [...classes].map(([name, set]) => ({ name, attributes: [...set].sort() })), attributes };
}
