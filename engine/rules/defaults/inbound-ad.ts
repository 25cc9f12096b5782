// "In from AD" templates: users, inetOrgPersons, groups, contacts, foreign security principals, computers, devices.
import type { AttributeFlow, JoinCondition } from '../../../shared/model/sync-rules.ts';
import { clause, constant, direct, expr, joinOn, renamed, trimmed } from './flow-builders.ts';
import * as X from './expressions.ts';
import { EXTENSION_ATTRIBUTES, words, type RuleTemplate, type TemplateOptions } from './rule-template.ts';

type PersonClass = 'user' | 'inetOrgPerson';

/** String attributes of people flowed as `Trim([x])` by the Common rules. */
const PERSON_TRIMMED = words(`c co company department ${EXTENSION_ATTRIBUTES.join(' ')} facsimileTelephoneNumber givenName homePhone
  initials ipPhone l mail middleName mobile otherFacsimileTelephoneNumber otherHomePhone otherMobile otherIpPhone otherPager
  otherTelephone pager physicalDeliveryOfficeName postalCode preferredLanguage sn st streetAddress telephoneNumber title wWWHomePage`);

const PERSON_EXCHANGE_DIRECT = words(`authOrig dLMemRejectPerms dLMemSubmitPerms legacyExchangeDN mailNickname msDS-HABSeniorityIndex
  msDS-PhoneticDisplayName msExchArchiveGUID msExchArchiveName msExchAssistantName msExchBlockedSendersHash msExchBypassModerationLink
  msExchDelegateListLink msExchELCExpirySuspensionEnd msExchELCExpirySuspensionStart msExchELCMailboxFlags msExchEnableModeration
  msExchHideFromAddressLists msExchImmutableId msExchMailboxGuid msExchMasterAccountSid msExchModeratedByLink msExchModerationFlags
  msExchRecipientDisplayType msExchRecipientTypeDetails msExchRequireAuthToSendTo msExchResourceCapacity msExchResourceDisplay
  msExchResourceMetaData msExchResourceSearchProperties msExchRetentionComment msExchRetentionURL msExchSafeRecipientsHash
  msExchSafeSendersHash msExchSenderHintTranslations msExchUserHoldPolicies publicDelegates targetAddress userCertificate
  userSMIMECertificate unauthOrig`);

/** Added to "In from AD - User Exchange" in the ms-DS-ConsistencyGuid era (the audit settings Exchange Online reads). */
export const USER_EXCHANGE_ADDITIONS = words(`altRecipient msExchAuditAdmin msExchAuditDelegate msExchAuditDelegateAdmin msExchAuditOwner
  msExchBypassAudit msExchMailboxAuditEnable msExchMailboxAuditLogAgeLimit`);

const LYNC = words('msRTCSIP-ApplicationOptions msRTCSIP-DeploymentLocator msRTCSIP-Line msRTCSIP-OwnerUrn msRTCSIP-PrimaryUserAddress msRTCSIP-UserEnabled msRTCSIP-OptionFlags');

/** The account/resource-forest join of the "ObjectSID" matching option: SIDs, then linked-mailbox and Lync SIDs both ways. */
export const SID_JOIN: readonly JoinCondition[][] = [
  joinOn('objectSid', 'objectSid'),
  joinOn('msExchMasterAccountSid', 'objectSid'),
  joinOn('objectSid', 'msExchMasterAccountSid'),
  joinOn('msRTCSIP-OriginatorSid', 'objectSid'),
  joinOn('objectSid', 'msRTCSIP-OriginatorSid'),
];

/** The join of "users are represented only once": the object can only re-join its own metaverse object. */
function uniqueJoin(o: TemplateOptions): JoinCondition[][] {
  return o.sourceAnchor === 'objectGUID'
    ? [joinOn('objectGUID', 'sourceAnchorBinary')]
    : [joinOn('mS-DS-ConsistencyGuid', 'sourceAnchorBinary'), joinOn('objectGUID', 'sourceAnchorBinary')];
}

function sourceAnchorBinaryFlow(o: TemplateOptions): AttributeFlow {
  return o.sourceAnchor === 'objectGUID'
    ? renamed('sourceAnchorBinary', 'objectGUID')
    : expr('sourceAnchorBinary', X.userSourceAnchorBinary(o.sourceAnchor), ['mS-DS-ConsistencyGuid', 'objectGUID']);
}

function anchorSources(o: TemplateOptions): string[] {
  return o.sourceAnchor === 'objectGUID' ? ['objectGUID'] : ['mS-DS-ConsistencyGuid', 'objectGUID'];
}

/** Flows of the Common and Common-from-Exchange rules shared by users and inetOrgPersons. */
function personCommonFlows(): AttributeFlow[] {
  return [
    expr('accountEnabled', X.ACCOUNT_ENABLED, ['userAccountControl']),
    renamed('accountName', 'sAMAccountName'),
    ...direct('assistant', 'cn', 'countryCode', 'manager', 'photo', 'thumbnailPhoto'),
    ...trimmed(...PERSON_TRIMMED, 'employeeID'),
    expr('description', X.DESCRIPTION, ['description']),
    expr('displayName', X.DISPLAY_NAME, ['displayName', 'cn']),
    expr('info', X.INFO, ['info']),
    expr('postOfficeBox', X.POST_OFFICE_BOX, ['postOfficeBox']),
    expr('sourceObjectType', X.USER_SOURCE_OBJECT_TYPE, ['msExchRecipientTypeDetails']),
    expr('url', X.URL, ['url']),
  ];
}

/** Connector parameters describing where an account lives. */
function locationFlows(): AttributeFlow[] {
  return [
    expr('domainFQDN', '%Domain.FQDN%'),
    expr('domainNetBios', '%Domain.Netbios%'),
    expr('forestFQDN', '%Forest.FQDN%'),
    expr('forestNetBios', '%Forest.Netbios%'),
  ];
}

/** Sign-in identity flows: from the enabled account first (AccountEnabled), any account as fallback (Common). */
function identityFlows(o: TemplateOptions): AttributeFlow[] {
  return [
    expr('objectSidString', X.OBJECT_SID_STRING, ['objectSid']),
    expr('pwdLastSet', X.PWD_LAST_SET, ['pwdLastSet']),
    expr('sourceAnchor', X.userSourceAnchor(o.sourceAnchor), anchorSources(o)),
    expr('userPrincipalName', X.USER_PRINCIPAL_NAME, ['sAMAccountName', 'userPrincipalName']),
  ];
}

const TAGS: Record<PersonClass, Record<string, string>> = {
  user: { Join: '003', AccountEnabled: '004', CommonfromExchange: '004', Common: '004', Exchange: '003', Lync: '004' },
  inetOrgPerson: { Join: '003', AccountEnabled: '003', CommonfromExchange: '004', Common: '004', Exchange: '003', Lync: '003' },
};

function personTemplate(cls: PersonClass, purpose: string, rest: Omit<RuleTemplate, 'name' | 'immutableTag' | 'side' | 'direction' | 'sourceObjectType' | 'targetObjectType'>): RuleTemplate {
  const label = cls === 'user' ? 'User' : 'InetOrgPerson';
  let version = TAGS[cls][purpose.replace(/ /g, '')];
  if (purpose === 'Join' && rest.joinRules !== SID_JOIN) version = '004';
  return {
    name: `In from AD - ${label} ${purpose}`,
    immutableTag: `Microsoft.InfromAD${label}${purpose.replace(/ /g, '')}.${version}`,
    side: 'ad', direction: 'Inbound', sourceObjectType: cls, targetObjectType: 'person',
    ...rest,
  };
}

/** The six person rule templates of one class, keyed by purpose. */
export function personTemplates(cls: PersonClass, o: TemplateOptions): Record<'join' | 'accountEnabled' | 'commonFromExchange' | 'common' | 'exchange' | 'lync', RuleTemplate> {
  const isUser = cls === 'user';
  const label = isUser ? 'User' : 'InetOrgPerson';
  const notWriteback = isUser ? [clause('adminDescription', 'NOTSTARTSWITH', 'User_')] : [];
  const joinFlows: AttributeFlow[] = [expr('cloudFiltered', X.USER_CLOUD_FILTERED, ['mailNickname', 'sAMAccountName'])];
  if (o.userMatching === 'unique') joinFlows.push(sourceAnchorBinaryFlow(o));
  return {
    join: personTemplate(cls, 'Join', {
      linkType: 'Provision',
      scopingFilter: [[clause('isCriticalSystemObject', 'NOTEQUAL', 'TRUE'), ...notWriteback]],
      joinRules: o.userMatching === 'unique' ? uniqueJoin(o) : SID_JOIN,
      attributeFlows: joinFlows,
    }),
    accountEnabled: personTemplate(cls, 'AccountEnabled', {
      linkType: 'Join', enablePasswordSync: isUser,
      scopingFilter: [[clause('userAccountControl', 'ISBITNOTSET', '2')]],
      joinRules: [],
      attributeFlows: [
        constant('accountEnabled', 'True'),
        ...direct('cn', 'objectSid'),
        expr('contributingConnectorUser', '%Connector.ID%'),
        ...locationFlows(),
        ...identityFlows(o),
      ],
    }),
    commonFromExchange: personTemplate(cls, 'Common from Exchange', {
      description: `Attributes from the forest where the ${label} has an Exchange mailbox.`.replace('the User', 'the user'),
      linkType: 'Join',
      scopingFilter: [[clause('mailNickname', 'ISNOTNULL'), ...notWriteback]],
      joinRules: [],
      attributeFlows: [...personCommonFlows(), expr('proxyAddresses', X.PROXY_ADDRESSES, ['proxyAddresses'])],
    }),
    common: personTemplate(cls, 'Common', {
      linkType: 'Join',
      scopingFilter: notWriteback.length ? [notWriteback] : [],
      joinRules: [],
      attributeFlows: [
        ...personCommonFlows(),
        ...direct('objectSid'),
        ...locationFlows(),
        ...identityFlows(o),
        // The shipped InetOrgPerson Common rule has no proxyAddresses flow; kept as shipped.
        ...(isUser ? [expr('proxyAddresses', X.PROXY_ADDRESSES, ['proxyAddresses'])] : []),
      ],
    }),
    exchange: personTemplate(cls, 'Exchange', {
      description: `${label} object with Exchange schema in Active Directory.`,
      linkType: 'Join',
      scopingFilter: [[clause('mailNickname', 'ISNOTNULL')]],
      joinRules: [],
      attributeFlows: [
        ...direct(...PERSON_EXCHANGE_DIRECT, ...(isUser ? USER_EXCHANGE_ADDITIONS : [])),
        ...trimmed(...EXTENSION_ATTRIBUTES, 'telephoneAssistant'),
        expr('contributingConnectorExchange', '%Connector.ID%'),
        renamed('msExchBypassModerationFromDLMembersLink', 'msExchBypassModerationFromDLMembersBL'),
      ],
    }),
    lync: personTemplate(cls, 'Lync', {
      description: `Lync attribute for a ${label} object.`,
      linkType: 'Join',
      scopingFilter: [],
      joinRules: [],
      attributeFlows: direct(...(isUser ? [...LYNC.slice(0, 3), 'msRTCSIP-OriginatorSid', ...LYNC.slice(3)] : LYNC)),
    }),
  };
}

const GROUP_SCOPE = [[clause('isCriticalSystemObject', 'NOTEQUAL', 'True'), clause('adminDescription', 'NOTSTARTSWITH', 'Group_')]];

const GROUP_EXCHANGE_DIRECT = words(`authOrig dLMemRejectPerms dLMemSubmitPerms hideDLMembership legacyExchangeDN mailNickname
  msDS-PhoneticDisplayName msExchBypassModerationFromDLMembersLink msExchBypassModerationLink msExchCoManagedByLink
  msExchEnableModeration msExchGroupDepartRestriction msExchGroupJoinRestriction msExchHideFromAddressLists msExchModeratedByLink
  msExchModerationFlags msExchRecipientDisplayType msExchRecipientTypeDetails msExchRequireAuthToSendTo msExchRetentionComment
  msExchRetentionURL msExchSenderHintTranslations oOFReplyToOriginator publicDelegates reportToOriginator reportToOwner unauthOrig`);

/** The group templates: Join (projection), Exchange, Common. */
export function groupTemplates(): Record<'join' | 'exchange' | 'common', RuleTemplate> {
  const base = { side: 'ad', direction: 'Inbound', sourceObjectType: 'group', targetObjectType: 'group' } as const;
  return {
    join: {
      ...base, name: 'In from AD - Group Join', immutableTag: 'Microsoft.InfromADGroupJoin.003', linkType: 'Provision',
      scopingFilter: GROUP_SCOPE,
      joinRules: [joinOn('objectGUID', 'sourceAnchorBinary')],
      attributeFlows: [expr('cloudFiltered', X.GROUP_CLOUD_FILTERED, ['isCriticalSystemObject']), expr('mailEnabled', X.MAIL_ENABLED, ['proxyAddresses', 'mail'])],
    },
    exchange: {
      ...base, name: 'In from AD - Group Exchange', immutableTag: 'Microsoft.InfromADGroupExchange.004', linkType: 'Join',
      scopingFilter: GROUP_SCOPE, joinRules: [],
      attributeFlows: [...direct(...GROUP_EXCHANGE_DIRECT), ...trimmed(...EXTENSION_ATTRIBUTES)],
    },
    common: {
      ...base, name: 'In from AD - Group Common', immutableTag: 'Microsoft.InfromADGroupCommon.004', linkType: 'Join',
      scopingFilter: GROUP_SCOPE, joinRules: [],
      attributeFlows: [
        ...direct('cn', 'managedBy', 'member', 'objectSid'),
        ...trimmed('mail'),
        expr('description', X.DESCRIPTION, ['description']),
        expr('displayName', X.DISPLAY_NAME, ['displayName', 'cn']),
        expr('info', X.INFO, ['info']),
        expr('memberCount', X.MEMBER_COUNT, ['member']),
        expr('objectSidString', X.OBJECT_SID_STRING, ['objectSid']),
        expr('proxyAddresses', X.PROXY_ADDRESSES, ['proxyAddresses']),
        expr('securityEnabled', X.SECURITY_ENABLED, ['groupType']),
        expr('sourceAnchor', X.GUID_BASE64, ['objectGUID']),
        renamed('sourceAnchorBinary', 'objectGUID'),
      ],
    },
  };
}

const CONTACT_DIRECT = words(`assistant authOrig cn countryCode dLMemSubmitPerms dLMemRejectPerms manager msDS-HABSeniorityIndex
  msDS-PhoneticDisplayName msExchAssistantName msExchBlockedSendersHash msExchBypassModerationFromDLMembersLink msExchBypassModerationLink
  msExchHideFromAddressLists msExchModeratedByLink msExchModerationFlags msExchRecipientDisplayType msExchRecipientTypeDetails
  msExchRequireAuthToSendTo msExchRetentionComment msExchRetentionURL msExchSafeRecipientsHash msExchSafeSendersHash
  msExchSenderHintTranslations publicDelegates targetAddress thumbnailPhoto unauthOrig userCertificate userSMIMECertificate`);

/** Contacts flow the person string attributes without preferredLanguage but with telephoneAssistant. */
const CONTACT_TRIMMED = [...PERSON_TRIMMED.filter((a) => a !== 'preferredLanguage'), 'telephoneAssistant'];

/** The contact templates: Join (projection on mail), Common, Lync. */
export function contactTemplates(): Record<'join' | 'common' | 'lync', RuleTemplate> {
  const base = { side: 'ad', direction: 'Inbound', sourceObjectType: 'contact', targetObjectType: 'person', scopingFilter: [] } as const;
  return {
    join: {
      ...base, name: 'In from AD - Contact Join', immutableTag: 'Microsoft.InfromADContactJoin.003',
      description: 'Contact object with default Active Directory schema.', linkType: 'Provision',
      joinRules: [joinOn('mail', 'mail')],
      attributeFlows: [expr('cloudFiltered', X.CONTACT_CLOUD_FILTERED, ['isCriticalSystemObject']), expr('mailEnabled', X.MAIL_ENABLED, ['proxyAddresses', 'mail'])],
    },
    common: {
      ...base, name: 'In from AD - Contact Common', immutableTag: 'Microsoft.InfromADContactCommon.004',
      description: 'Contact object with Exchange schema in Active Directory.', linkType: 'Join', joinRules: [],
      attributeFlows: [
        ...direct(...CONTACT_DIRECT),
        ...trimmed(...CONTACT_TRIMMED),
        expr('description', X.DESCRIPTION, ['description']),
        expr('displayName', X.DISPLAY_NAME, ['displayName', 'cn']),
        expr('info', X.INFO, ['info']),
        expr('legacyExchangeDN', X.CONTACT_LEGACY_EXCHANGE_DN, ['legacyExchangeDN']),
        expr('mailNickname', X.CONTACT_MAIL_NICKNAME, ['mailNickname']),
        expr('postOfficeBox', X.POST_OFFICE_BOX, ['postOfficeBox']),
        expr('proxyAddresses', X.PROXY_ADDRESSES, ['proxyAddresses']),
        expr('sourceAnchor', X.GUID_BASE64, ['objectGUID']),
        renamed('sourceAnchorBinary', 'objectGUID'),
        constant('sourceObjectType', 'Contact'),
        expr('url', X.URL, ['url']),
      ],
    },
    lync: {
      ...base, name: 'In from AD - Contact Lync', immutableTag: 'Microsoft.InfromADContactLync.003',
      description: 'Lync attributes for a Contact object.', linkType: 'Join', joinRules: [],
      attributeFlows: direct('msRTCSIP-DeploymentLocator', 'msRTCSIP-Line', 'msRTCSIP-PrimaryUserAddress', 'msRTCSIP-UserEnabled', 'msRTCSIP-OptionFlags'),
    },
  };
}

/** Foreign security principals join any metaverse object by SID so cross-forest memberships resolve (§4.1). */
export function fspTemplate(): RuleTemplate {
  return {
    name: 'In from AD - ForeignSecurityPrincipal Join User', immutableTag: 'Microsoft.InfromADForeignSecurityPrincipalJoinUser.001',
    side: 'ad', direction: 'Inbound', sourceObjectType: 'foreignSecurityPrincipal', targetObjectType: '*', linkType: 'Join',
    scopingFilter: [], joinRules: [joinOn('cn', 'objectSidString')], attributeFlows: [],
  };
}

/** Computers become devices; only those with a certificate (hybrid-joined) leave the filter (§4.1). */
export function computerTemplate(): RuleTemplate {
  return {
    name: 'In from AD - Computer Join', immutableTag: 'Microsoft.InfromADComputerJoin.002',
    side: 'ad', direction: 'Inbound', sourceObjectType: 'computer', targetObjectType: 'device', linkType: 'Provision',
    scopingFilter: [], joinRules: [joinOn('objectGUID', 'deviceId')],
    attributeFlows: [
      ...direct('objectSid', 'userCertificate'),
      expr('accountEnabled', X.ACCOUNT_ENABLED, ['userAccountControl']),
      renamed('deviceId', 'objectGUID'),
      expr('sourceAnchor', X.GUID_BASE64, ['objectGUID']),
      expr('displayName', X.DISPLAY_NAME, ['displayName', 'cn']),
      constant('sourceObjectType', 'Computer'),
      renamed('deviceOSVersion', 'operatingSystemVersion'),
      renamed('deviceOSType', 'operatingSystem'),
      constant('deviceTrustType', 'ServerAd'),
      constant('cloudCreated', 'False', true),
      renamed('registeredOwnerReference', 'mS-DS-CreatorSID', 'Update', true),
      expr('cloudFiltered', X.DEVICE_CLOUD_FILTERED, ['userCertificate']),
    ],
  };
}

/** Devices written back to AD mark their metaverse device as provisioned there. */
export function deviceCommonTemplate(): RuleTemplate {
  return {
    name: 'In from AD - Device Common', immutableTag: 'Microsoft.InfromADDeviceCommon.001',
    side: 'ad', direction: 'Inbound', sourceObjectType: 'msDS-Device', targetObjectType: 'device', linkType: 'Join',
    scopingFilter: [[clause('objectGUID', 'ISNOTNULL'), clause('msDS-CloudAnchor', 'ISNOTNULL')]],
    joinRules: [joinOn('msDS-DeviceID', 'deviceId')],
    attributeFlows: [constant('isProvisionedInAD', 'True')],
  };
}
