// "Out to AD" templates: joins back to the AD objects (never provisioning) and hybrid Exchange write-back.
import { clause, expr, joinOn, renamed } from './flow-builders.ts';
import * as X from './expressions.ts';
import { SID_JOIN } from './inbound-ad.ts';
import type { RuleTemplate } from './rule-template.ts';

function adOut(name: string, tag: string, mvType: string, csType: string, rest: Pick<RuleTemplate, 'scopingFilter' | 'joinRules' | 'attributeFlows'> & Partial<RuleTemplate>): RuleTemplate {
  return { name, immutableTag: tag, side: 'ad', direction: 'Outbound', sourceObjectType: mvType, targetObjectType: csType, linkType: 'Join', ...rest };
}

const NOT_CLOUD_MASTERED = [[clause('cloudMastered', 'NOTEQUAL', 'True')]];

/** The join templates (contact, group, inetOrgPerson, user). */
export function adJoinTemplates(): Record<'contact' | 'group' | 'inetOrgPerson' | 'user', RuleTemplate> {
  return {
    contact: adOut('Out to AD - Contact Join', 'Microsoft.OuttoADContactJoin.003', 'person', 'contact', { scopingFilter: [], joinRules: [joinOn('mail', 'mail')], attributeFlows: [] }),
    group: adOut('Out to AD - Group Join', 'Microsoft.OuttoADGroupJoin.004', 'group', 'group', { scopingFilter: NOT_CLOUD_MASTERED, joinRules: [joinOn('objectGUID', 'sourceAnchorBinary')], attributeFlows: [] }),
    inetOrgPerson: adOut('Out to AD - InetOrgPerson Join', 'Microsoft.OuttoADInetOrgPersonJoin.003', 'person', 'inetOrgPerson', { scopingFilter: [], joinRules: SID_JOIN, attributeFlows: [] }),
    user: adOut('Out to AD - User Join SOAInAD', 'Microsoft.OuttoADUserJoinSOAInAD.004', 'person', 'user', {
      scopingFilter: [[clause('cloudMastered', 'EQUAL', 'False')]], joinRules: SID_JOIN, attributeFlows: [],
    }),
  };
}

/** Hybrid Exchange write-back of cloud mailbox settings and the cloud legacyExchangeDN as an x500 address. */
export function adExchangeHybridTemplates(): Record<'contact' | 'group' | 'inetOrgPerson' | 'user', RuleTemplate> {
  const x500 = expr('proxyAddresses', X.X500_PROXY, ['cloudLegacyExchangeDN'], 'MergeCaseInsensitive');
  const mailbox = [
    expr('msExchBlockedSendersHash', X.cloudMailboxValue('cloudMSExchBlockedSendersHash'), ['cloudSOAExchMailbox', 'cloudMSExchBlockedSendersHash']),
    expr('msExchSafeRecipientsHash', X.cloudMailboxValue('cloudMSExchSafeRecipientsHash'), ['cloudSOAExchMailbox', 'cloudMSExchSafeRecipientsHash']),
    expr('msExchSafeSendersHash', X.cloudMailboxValue('cloudMSExchSafeSendersHash'), ['cloudSOAExchMailbox', 'cloudMSExchSafeSendersHash']),
    renamed('msExchUCVoiceMailSettings', 'cloudMSExchUCVoiceMailSettings'),
    expr('msExchUserHoldPolicies', X.USER_HOLD_POLICIES, ['cloudMSExchUserHoldPolicies']),
    x500,
  ];
  return {
    contact: adOut('Out to AD - Contact Exchange Hybrid', 'Microsoft.OuttoADContactExchangeHybrid.003', 'person', 'contact', { scopingFilter: [], joinRules: [], attributeFlows: [x500] }),
    group: adOut('Out to AD - Group Exchange Hybrid', 'Microsoft.OuttoADGroupExchangeHybrid.004', 'group', 'group', { scopingFilter: NOT_CLOUD_MASTERED, joinRules: [], attributeFlows: [x500] }),
    inetOrgPerson: adOut('Out to AD - InetOrgPerson Exchange Hybrid', 'Microsoft.OuttoADInetOrgPersonExchangeHybrid.003', 'person', 'inetOrgPerson', {
      scopingFilter: [[clause('contributingConnectorExchange', 'EQUAL', '%Connector.ID%')]], joinRules: [], attributeFlows: mailbox,
    }),
    user: adOut('Out to AD - User Exchange Hybrid', 'Microsoft.OuttoADUserExchangeHybrid.003', 'person', 'user', { scopingFilter: [], joinRules: [], attributeFlows: mailbox }),
  };
}

/**
 * ms-DS-ConsistencyGuid write-back (§4.6): an empty ms-DS-ConsistencyGuid receives the objectGUID the
 * sourceAnchor was built from, so the anchor survives a move to another forest. Only with that anchor choice.
 */
export function immutableIdTemplate(): RuleTemplate {
  return adOut('Out to AD - User ImmutableId', 'Microsoft.OuttoADUserImmutableId.001', 'person', 'user', {
    description: 'Writes the sourceAnchor value into ms-DS-ConsistencyGuid.',
    scopingFilter: [[clause('sourceObjectType', 'EQUAL', 'User'), clause('sourceAnchorBinary', 'ISNOTNULL')]],
    joinRules: [],
    attributeFlows: [renamed('mS-DS-ConsistencyGuid', 'sourceAnchorBinary')],
  });
}
