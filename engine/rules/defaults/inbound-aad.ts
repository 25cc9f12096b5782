// "In from AAD" templates: the Entra objects join the metaverse objects they were provisioned from; never project.
import { clause, direct, expr, joinOn } from './flow-builders.ts';
import * as X from './expressions.ts';
import type { RuleTemplate } from './rule-template.ts';

const SOURCE_ANCHOR_JOIN = [joinOn('sourceAnchor', 'sourceAnchor', true)];

function aadIn(name: string, tag: string, csType: string, mvType: string, rest: Pick<RuleTemplate, 'scopingFilter' | 'joinRules' | 'attributeFlows'> & Partial<RuleTemplate>): RuleTemplate {
  return { name, immutableTag: tag, side: 'aad', direction: 'Inbound', sourceObjectType: csType, targetObjectType: mvType, linkType: 'Join', ...rest };
}

/** The join templates (user, contact, group) and the Windows Hello key rule. */
export function aadJoinTemplates(): Record<'user' | 'contact' | 'group' | 'ngcKey', RuleTemplate> {
  const cloudSourceAnchor = expr('cloudSourceAnchor', X.CLOUD_SOURCE_ANCHOR, ['sourceAnchor']);
  return {
    user: aadIn('In from AAD - User Join', 'Microsoft.InfromAADUserJoin.004', 'user', 'person', {
      scopingFilter: [[clause('cloudMastered', 'EQUAL', 'False')]], joinRules: SOURCE_ANCHOR_JOIN,
      attributeFlows: [...direct('accountEnabled', 'cloudAnchor', 'countryCode', 'usageLocation'), cloudSourceAnchor],
    }),
    contact: aadIn('In from AAD - Contact Join', 'Microsoft.InfromAADContactJoin.003', 'contact', 'person', {
      scopingFilter: [], joinRules: SOURCE_ANCHOR_JOIN, attributeFlows: [...direct('cloudAnchor'), cloudSourceAnchor],
    }),
    group: aadIn('In from AAD - Group Join', 'Microsoft.InfromAADGroupJoin.004', 'group', 'group', {
      scopingFilter: [[clause('cloudMastered', 'NOTEQUAL', 'True')]], joinRules: SOURCE_ANCHOR_JOIN,
      attributeFlows: [...direct('cloudAnchor'), cloudSourceAnchor],
    }),
    ngcKey: aadIn('In from AAD - User NGCKey', 'Microsoft.InfromAADUserNGCKey.001', 'user', 'person', {
      scopingFilter: [], joinRules: [], attributeFlows: [expr('deviceKey', X.NGC_DEVICE_KEY, ['searchableDeviceKey'])],
      disabledReason: 'It uses CBin and Thumbprint, functions Microsoft does not document, and Microsoft Graph does not expose searchableDeviceKey.',
    }),
  };
}

/** Hybrid Exchange: cloud mailbox values that flow back on-premises. */
export function aadExchangeHybridTemplates(): Record<'contact' | 'group' | 'user', RuleTemplate> {
  const both = direct('cloudLegacyExchangeDN', 'cloudPublicDelegates');
  return {
    contact: aadIn('In from AAD - Contact Exchange Hybrid', 'Microsoft.InfromAADContactExchangeHybrid.003', 'contact', 'person', { scopingFilter: [], joinRules: [], attributeFlows: both }),
    group: aadIn('In from AAD - Group Exchange Hybrid', 'Microsoft.InfromAADGroupExchangeHybrid.003', 'group', 'group', { scopingFilter: [], joinRules: [], attributeFlows: both }),
    user: aadIn('In from AAD - User Exchange Hybrid', 'Microsoft.InfromAADUserExchangeHybrid.003', 'user', 'person', {
      scopingFilter: [], joinRules: [],
      attributeFlows: [
        ...direct('cloudLegacyExchangeDN', 'cloudMSExchArchiveStatus', 'cloudMSExchBlockedSendersHash', 'cloudMSExchDelegateListLink',
          'cloudMSExchRecipientDisplayType', 'cloudMSExchSafeRecipientsHash', 'cloudMSExchSafeSendersHash', 'cloudMSExchTeamMailboxExpiration',
          'cloudMSExchTeamMailboxOwners', 'cloudMSExchTeamMailboxSharePointUrl', 'cloudMSExchUCVoiceMailSettings', 'cloudMSExchUserHoldPolicies',
          'cloudPublicDelegates'),
        expr('cloudSOAExchMailbox', X.CLOUD_SOA_EXCH_MAILBOX, ['cloudMSExchRecipientDisplayType']),
      ],
    }),
  };
}
