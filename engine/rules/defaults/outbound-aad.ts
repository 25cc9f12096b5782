// "Out to AAD" templates: provisioning to Entra ID (the four Join rules) and the attribute sets of each
// cloud workload (Identity, Exchange Online, Dynamics CRM, Intune, Lync/Skype Online, SharePoint Online, Azure RMS).
import { clause, direct, expr, joinOn, renamed } from './flow-builders.ts';
import * as X from './expressions.ts';
import { words, type RuleTemplate, type TemplateOptions } from './rule-template.ts';
import type { AttributeFlow, ScopingCondition } from '../../../shared/model/sync-rules.ts';

function aadOut(name: string, tag: string, mvType: string, csType: string, rest: Pick<RuleTemplate, 'scopingFilter' | 'attributeFlows'> & Partial<RuleTemplate>): RuleTemplate {
  return { name, immutableTag: tag, side: 'aad', direction: 'Outbound', sourceObjectType: mvType, targetObjectType: csType, linkType: 'Join', joinRules: [], ...rest };
}

/** Entra attribute names that differ from the metaverse ones. */
const city = renamed('city', 'l');
const country = renamed('country', 'co');
const state = renamed('state', 'st');
const surname = renamed('surname', 'sn');
const alias = renamed('alias', 'mailNickname');
const countryLetterCode = renamed('countryLetterCode', 'c');
const countryCode = expr('countryCode', X.COUNTRY_CODE, ['countryCode']);
const entraDn = expr('dn', X.ENTRA_DN, ['sourceAnchor']);
const habSeniority = renamed('msDsHabSeniorityIndex', 'msDS-HABSeniorityIndex');
const phoneticName = renamed('msDsPhoneticDisplayName', 'msDS-PhoneticDisplayName');
const retentionUrl = renamed('msExchRetentionUrl', 'msExchRetentionURL');

const USER_SCOPE: ScopingCondition[][] = [[clause('sourceObjectType', 'EQUAL', 'User'), clause('cloudMastered', 'NOTEQUAL', 'True')]];
const CONTACT_SCOPE: ScopingCondition[][] = [[clause('sourceObjectType', 'EQUAL', 'Contact')]];
const GROUP_SCOPE: ScopingCondition[][] = [[clause('sourceAnchor', 'ISNOTNULL'), clause('cloudMastered', 'NOTEQUAL', 'True')]];
const SOURCE_ANCHOR_JOIN = [joinOn('sourceAnchor', 'sourceAnchor')];

const USER_EXCHANGE_ONLINE = words(`accountEnabled assistant authOrig company department description displayName dLMemRejectPerms
  dLMemSubmitPerms extensionAttribute1 extensionAttribute10 extensionAttribute11 extensionAttribute12 extensionAttribute13
  extensionAttribute14 extensionAttribute15 extensionAttribute2 extensionAttribute3 extensionAttribute4 extensionAttribute5
  extensionAttribute6 extensionAttribute7 extensionAttribute8 extensionAttribute9 facsimileTelephoneNumber givenName homePhone info
  initials legacyExchangeDN manager mobile msExchArchiveName msExchAssistantName msExchAuditAdmin msExchAuditDelegate
  msExchAuditDelegateAdmin msExchAuditOwner msExchBlockedSendersHash msExchBypassAudit msExchDelegateListLink msExchEnableModeration
  msExchExtensionCustomAttribute1 msExchExtensionCustomAttribute2 msExchExtensionCustomAttribute3 msExchExtensionCustomAttribute4
  msExchExtensionCustomAttribute5 msExchHideFromAddressLists msExchImmutableId msExchLitigationHoldDate msExchLitigationHoldOwner
  msExchMailboxGuid msExchMailboxAuditEnable msExchMailboxAuditLogAgeLimit msExchModeratedByLink msExchModerationFlags
  msExchRecipientDisplayType msExchRecipientTypeDetails msExchRemoteRecipientType msExchRequireAuthToSendTo msExchResourceCapacity
  msExchResourceDisplay msExchResourceSearchProperties msExchRetentionComment msExchSafeRecipientsHash msExchSafeSendersHash
  msExchSenderHintTranslations msExchTeamMailboxExpiration msExchTeamMailboxOwners msExchTeamMailboxSharePointUrl
  msExchUserHoldPolicies onPremisesUserPrincipalName otherFacsimileTelephoneNumber otherHomePhone otherTelephone pager
  physicalDeliveryOfficeName postalCode proxyAddresses publicDelegates streetAddress targetAddress telephoneAssistant telephoneNumber
  thumbnailPhoto title userCertificate userPrincipalName userSMIMECertificate unauthOrig wWWHomePage`);

const USER_SHAREPOINT = words(`accountEnabled authOrig company department description displayName dLMemRejectPerms dLMemSubmitPerms
  extensionAttribute1 extensionAttribute10 extensionAttribute11 extensionAttribute12 extensionAttribute13 extensionAttribute14
  extensionAttribute15 extensionAttribute2 extensionAttribute3 extensionAttribute4 extensionAttribute5 extensionAttribute6
  extensionAttribute7 extensionAttribute8 extensionAttribute9 facsimileTelephoneNumber givenName homePhone info initials ipPhone mail
  manager middleName mobile msExchTeamMailboxExpiration msExchTeamMailboxOwners msExchTeamMailboxSharePointLinkedBy
  msExchTeamMailboxSharePointUrl onPremisesUserPrincipalName otherFacsimileTelephoneNumber otherHomePhone otherIpPhone otherMobile
  otherPager otherTelephone pager physicalDeliveryOfficeName postalCode postOfficeBox preferredLanguage proxyAddresses streetAddress
  targetAddress telephoneAssistant telephoneNumber thumbnailPhoto title unauthOrig url userPrincipalName wWWHomePage`);

/** User templates in precedence order (OfficeProPlus comes after the group rules, as shipped). */
export function userOutTemplates(): Record<'join' | 'identity' | 'exchangeOnline' | 'dynamicsCrm' | 'intune' | 'lyncOnline' | 'sharePointOnline' | 'azureRms' | 'officeProPlus', RuleTemplate> {
  const user = (purpose: string, tag: string, flows: AttributeFlow[], extra: Partial<RuleTemplate> = {}) =>
    aadOut(`Out to AAD - User ${purpose}`, `Microsoft.OuttoAADUser${purpose.replace(/ /g, '')}.${tag}`, 'person', 'user', { scopingFilter: USER_SCOPE, attributeFlows: flows, ...extra });
  return {
    join: user('Join', '006', [
      ...direct('accountEnabled'),
      renamed('commonName', 'cn'),
      renamed('dnsDomainName', 'domainFQDN'),
      renamed('lastPasswordChangeTimestamp', 'pwdLastSet'),
      renamed('netBiosName', 'domainNetBios'),
      renamed('onPremisesSamAccountName', 'accountName'),
      renamed('onPremiseSecurityIdentifier', 'objectSid'),
      entraDn,
      expr('sourceAnchor', X.PERSON_SOURCE_ANCHOR_GUARD, ['cloudSourceAnchor', 'sourceAnchor']),
      expr('usageLocation', X.USAGE_LOCATION, ['usageLocation']),
    ], {
      linkType: 'Provision', enablePasswordSync: true, joinRules: SOURCE_ANCHOR_JOIN,
      scopingFilter: [[clause('sourceObjectType', 'EQUAL', 'User'), clause('cloudMastered', 'NOTEQUAL', 'True'), clause('cloudFiltered', 'NOTEQUAL', 'True'),
        clause('sourceAnchor', 'ISNOTNULL'), clause('accountEnabled', 'ISNOTNULL')]],
    }),
    identity: user('Identity', '005', [...direct('accountEnabled', 'displayName', 'givenName', 'mail', 'onPremisesUserPrincipalName', 'proxyAddresses', 'userPrincipalName'), alias, surname]),
    exchangeOnline: user('ExchangeOnline', '004', [
      ...direct(...USER_EXCHANGE_ONLINE), alias, city, country, countryCode, countryLetterCode, habSeniority, phoneticName,
      renamed('msExchArchiveGuid', 'msExchArchiveGUID'),
      renamed('msExchElcExpirySuspensionEnd', 'msExchELCExpirySuspensionEnd'),
      renamed('msExchElcExpirySuspensionStart', 'msExchELCExpirySuspensionStart'),
      renamed('msExchElcMailboxFlags', 'msExchELCMailboxFlags'),
      renamed('msExchResourceMetadata', 'msExchResourceMetaData'),
      retentionUrl, surname, state,
    ]),
    dynamicsCrm: user('DynamicsCRM', '004', [
      ...direct('accountEnabled', 'company', 'description', 'displayName', 'facsimileTelephoneNumber', 'givenName', 'manager', 'mobile',
        'onPremisesUserPrincipalName', 'physicalDeliveryOfficeName', 'postalCode', 'preferredLanguage', 'streetAddress', 'telephoneNumber', 'title', 'userPrincipalName'),
      city, country, countryCode, state, surname,
    ]),
    intune: user('Intune', '004', [...direct('accountEnabled', 'description', 'displayName', 'mail', 'onPremisesUserPrincipalName', 'proxyAddresses', 'userPrincipalName'), alias]),
    lyncOnline: user('LyncOnline', '004', [
      ...direct('accountEnabled', 'company', 'department', 'description', 'displayName', 'facsimileTelephoneNumber', 'givenName', 'homePhone', 'ipPhone',
        'mail', 'manager', 'mobile', 'msExchHideFromAddressLists', 'onPremisesUserPrincipalName', 'otherTelephone', 'physicalDeliveryOfficeName',
        'postalCode', 'preferredLanguage', 'proxyAddresses', 'streetAddress', 'telephoneNumber', 'thumbnailPhoto', 'title', 'userPrincipalName', 'wWWHomePage'),
      city, country, alias,
      ...['ApplicationOptions', 'DeploymentLocator', 'Line', 'OwnerUrn', 'PrimaryUserAddress', 'UserEnabled', 'OptionFlags'].map((p) => renamed(`msRtcSip${p}`, `msRTCSIP-${p}`)),
      state, surname,
    ]),
    sharePointOnline: user('SharePointOnline', '004', [...direct(...USER_SHAREPOINT), city, country, countryCode, alias, state, surname]),
    azureRms: user('AzureRMS', '004', direct('displayName', 'mail', 'onPremisesUserPrincipalName', 'proxyAddresses', 'userPrincipalName'), {
      description: 'Minimal set of attributes required for Azure RMS.',
    }),
    officeProPlus: user('OfficeProPlus', '004', direct('displayName', 'onPremisesUserPrincipalName', 'userPrincipalName')),
  };
}

const CONTACT_EXCHANGE_ONLINE = words(`assistant authOrig company countryCode department description displayName dLMemRejectPerms
  dLMemSubmitPerms extensionAttribute1 extensionAttribute10 extensionAttribute11 extensionAttribute12 extensionAttribute13
  extensionAttribute14 extensionAttribute15 extensionAttribute2 extensionAttribute3 extensionAttribute4 extensionAttribute5
  extensionAttribute6 extensionAttribute7 extensionAttribute8 extensionAttribute9 facsimileTelephoneNumber givenName homePhone info
  initials legacyExchangeDN manager mobile msExchAssistantName msExchBlockedSendersHash msExchExtensionCustomAttribute1
  msExchExtensionCustomAttribute2 msExchExtensionCustomAttribute3 msExchExtensionCustomAttribute4 msExchExtensionCustomAttribute5
  msExchHideFromAddressLists msExchLitigationHoldDate msExchLitigationHoldOwner msExchModeratedByLink msExchModerationFlags
  msExchRecipientDisplayType msExchRecipientTypeDetails msExchRequireAuthToSendTo msExchRetentionComment msExchSafeSendersHash
  msExchSafeRecipientsHash msExchSenderHintTranslations otherFacsimileTelephoneNumber otherHomePhone otherTelephone pager
  physicalDeliveryOfficeName postalCode proxyAddresses publicDelegates streetAddress targetAddress telephoneAssistant telephoneNumber
  thumbnailPhoto title unauthOrig userCertificate userSMIMECertificate wWWHomePage`);

const CONTACT_SHAREPOINT = words(`authOrig company countryCode department description displayName dLMemRejectPerms dLMemSubmitPerms
  extensionAttribute1 extensionAttribute10 extensionAttribute11 extensionAttribute12 extensionAttribute13 extensionAttribute14
  extensionAttribute15 extensionAttribute2 extensionAttribute3 extensionAttribute4 extensionAttribute5 extensionAttribute6
  extensionAttribute7 extensionAttribute8 extensionAttribute9 facsimileTelephoneNumber givenName homePhone info initials ipPhone mail
  manager middleName mobile otherFacsimileTelephoneNumber otherHomePhone otherIpPhone otherMobile otherPager otherTelephone pager
  physicalDeliveryOfficeName postalCode postOfficeBox proxyAddresses streetAddress targetAddress telephoneAssistant telephoneNumber
  thumbnailPhoto title unauthOrig url wWWHomePage`);

/** Contact templates in precedence order. */
export function contactOutTemplates(): Record<'join' | 'identity' | 'exchangeOnline' | 'dynamicsCrm' | 'intune' | 'lyncOnline' | 'sharePointOnline' | 'azureRms', RuleTemplate> {
  const contact = (purpose: string, flows: AttributeFlow[], extra: Partial<RuleTemplate> = {}) =>
    aadOut(`Out to AAD - Contact ${purpose}`, `Microsoft.OuttoAADContact${purpose}.003`, 'person', 'contact', { scopingFilter: CONTACT_SCOPE, attributeFlows: flows, ...extra });
  return {
    join: contact('Join', [expr('sourceAnchor', X.PERSON_SOURCE_ANCHOR_GUARD, ['cloudSourceAnchor', 'sourceAnchor']), entraDn], {
      linkType: 'Provision', joinRules: SOURCE_ANCHOR_JOIN,
      scopingFilter: [[clause('sourceObjectType', 'EQUAL', 'Contact'), clause('cloudFiltered', 'NOTEQUAL', 'True'), clause('mailEnabled', 'EQUAL', 'True')]],
    }),
    identity: contact('Identity', [...direct('displayName', 'givenName', 'proxyAddresses'), alias, surname], { description: 'Minimal attributes required for the Contact object' }),
    exchangeOnline: contact('ExchangeOnline', [...direct(...CONTACT_EXCHANGE_ONLINE), city, countryLetterCode, country, alias, habSeniority, phoneticName, retentionUrl, surname, state]),
    dynamicsCrm: contact('DynamicsCRM', [
      ...direct('company', 'countryCode', 'description', 'displayName', 'facsimileTelephoneNumber', 'givenName', 'mobile', 'physicalDeliveryOfficeName',
        'postalCode', 'streetAddress', 'telephoneNumber', 'title'),
      countryLetterCode, country, surname,
      // As shipped: the CRM contact state comes from postalAddress.
      renamed('state', 'postalAddress'),
    ]),
    intune: contact('Intune', [...direct('description', 'displayName', 'proxyAddresses'), alias, countryLetterCode]),
    lyncOnline: contact('LyncOnline', [
      ...direct('company', 'department', 'description', 'displayName', 'facsimileTelephoneNumber', 'givenName', 'homePhone', 'mobile', 'msExchHideFromAddressLists',
        'otherTelephone', 'physicalDeliveryOfficeName', 'postalCode', 'proxyAddresses', 'streetAddress', 'telephoneNumber', 'thumbnailPhoto', 'title', 'wWWHomePage'),
      alias, countryLetterCode, country, surname, state,
    ]),
    sharePointOnline: contact('SharePointOnline', [...direct(...CONTACT_SHAREPOINT), alias, country, countryLetterCode, city, surname, state]),
    azureRms: contact('AzureRMS', direct('mail', 'proxyAddresses'), { description: 'Minimal set of attributes required for Azure RMS.' }),
  };
}

const GROUP_EXCHANGE_ONLINE = words(`authOrig description displayName dLMemRejectPerms dLMemSubmitPerms extensionAttribute1 extensionAttribute2
  extensionAttribute3 extensionAttribute4 extensionAttribute5 extensionAttribute6 extensionAttribute7 extensionAttribute8
  extensionAttribute9 extensionAttribute10 extensionAttribute11 extensionAttribute12 extensionAttribute13 extensionAttribute14
  extensionAttribute15 info legacyExchangeDN managedBy member msExchCoManagedByLink msExchEnableModeration
  msExchExtensionCustomAttribute1 msExchExtensionCustomAttribute2 msExchExtensionCustomAttribute3 msExchExtensionCustomAttribute4
  msExchExtensionCustomAttribute5 msExchHideFromAddressLists msExchLitigationHoldDate msExchLitigationHoldOwner msExchModeratedByLink
  msExchModerationFlags msExchRecipientDisplayType msExchRecipientTypeDetails msExchRequireAuthToSendTo msExchRetentionComment
  msExchSenderHintTranslations oOFReplyToOriginator publicDelegates proxyAddresses reportToOriginator reportToOwner unauthOrig`);

const GROUP_SHAREPOINT = words(`authOrig description displayName dLMemRejectPerms dLMemSubmitPerms extensionAttribute1 extensionAttribute2
  extensionAttribute3 extensionAttribute4 extensionAttribute5 extensionAttribute6 extensionAttribute7 extensionAttribute8
  extensionAttribute9 extensionAttribute10 extensionAttribute11 extensionAttribute12 extensionAttribute13 extensionAttribute14
  extensionAttribute15 hideDLMembership info managedBy mail member oOFReplyToOriginator proxyAddresses reportToOriginator reportToOwner unauthOrig`);

/** Group templates in precedence order. */
export function groupOutTemplates(o: TemplateOptions): Record<'join' | 'identity' | 'exchangeOnline' | 'dynamicsCrm' | 'intune' | 'lyncOnline' | 'sharePointOnline' | 'azureRms', RuleTemplate> {
  const group = (purpose: string, tag: string, flows: AttributeFlow[], extra: Partial<RuleTemplate> = {}) =>
    aadOut(`Out to AAD - Group ${purpose}`, `Microsoft.OuttoAADGroup${purpose}.${tag}`, 'group', 'group', { scopingFilter: GROUP_SCOPE, joinRules: SOURCE_ANCHOR_JOIN, attributeFlows: flows, ...extra });
  const provisionable = (kind: string, gate: ScopingCondition) => [
    clause('cloudFiltered', 'NOTEQUAL', 'True'), clause('sourceAnchor', 'ISNOTNULL'), clause('cloudMastered', 'NOTEQUAL', 'True'), clause(kind, 'EQUAL', 'True'), gate,
  ];
  const limit = clause('memberCount', 'LESSTHAN', String(o.groupMemberLimit));
  const synced = clause('cloudAnchor', 'ISNOTNULL');
  return {
    join: group('Join', '006', [
      ...direct('securityEnabled'),
      renamed('commonName', 'cn'),
      entraDn,
      expr('member', X.memberLimitGuard(o.groupMemberLimit), ['member']),
      renamed('onPremiseSecurityIdentifier', 'objectSid'),
      expr('sourceAnchor', X.GROUP_SOURCE_ANCHOR_GUARD, ['cloudSourceAnchor', 'sourceAnchor']),
    ], {
      linkType: 'Provision',
      // (security or mail enabled) × (already in the cloud, or under the member limit): a synced group that grows stays in scope.
      scopingFilter: [provisionable('securityEnabled', synced), provisionable('securityEnabled', limit), provisionable('mailEnabled', synced), provisionable('mailEnabled', limit)],
    }),
    identity: group('Identity', '004', [...direct('displayName', 'mail', 'managedBy', 'member', 'proxyAddresses'), alias]),
    exchangeOnline: group('ExchangeOnline', '005', [
      ...direct(...GROUP_EXCHANGE_ONLINE), alias, habSeniority, phoneticName, retentionUrl, renamed('msOrgIsOrganizational', 'msOrg-IsOrganizational'),
    ]),
    dynamicsCrm: group('DynamicsCRM', '004', direct('description', 'displayName', 'managedBy', 'member')),
    intune: group('Intune', '004', [...direct('description', 'displayName', 'mail', 'member', 'proxyAddresses'), alias]),
    lyncOnline: group('LyncOnline', '004', [...direct('description', 'displayName', 'mail', 'managedBy', 'member', 'msExchHideFromAddressLists', 'proxyAddresses'), alias]),
    sharePointOnline: group('SharePointOnline', '004', [...direct(...GROUP_SHAREPOINT), alias]),
    azureRms: group('AzureRMS', '004', direct('displayName', 'mail', 'member', 'proxyAddresses'), { scopingFilter: [[clause('cloudMastered', 'NOTEQUAL', 'True')]], joinRules: [] }),
  };
}

/** Hybrid-joined Windows devices (computers with a certificate) provisioned as Entra devices. */
export function deviceOutTemplate(): RuleTemplate {
  return aadOut('Out to AAD - Device Join SOAInAD', 'Microsoft.OuttoAADJoinSOAInAD.002', 'device', 'device', {
    linkType: 'Provision',
    scopingFilter: [[clause('cloudCreated', 'EQUAL', 'false'), clause('userCertificate', 'ISNOTNULL'), clause('cloudFiltered', 'NOTEQUAL', 'true')]],
    joinRules: [joinOn('deviceId', 'deviceId')],
    attributeFlows: [
      ...direct('displayName', 'deviceId', 'accountEnabled', 'deviceOSVersion', 'deviceOSType', 'registeredOwnerReference', 'deviceTrustType'),
      entraDn,
      renamed('onPremiseSecurityIdentifier', 'objectSid'),
      renamed('userCertificate', 'userCertificate', 'MergeCaseInsensitive'),
    ],
  });
}
