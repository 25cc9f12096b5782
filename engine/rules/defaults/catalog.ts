// The default rule templates in precedence-group order (§3.8): the wizard numbers group by group, and
// inside a group every AD forest in the order it was added.
import { computerTemplate, contactTemplates, deviceCommonTemplate, fspTemplate, groupTemplates, personTemplates } from './inbound-ad.ts';
import { aadExchangeHybridTemplates, aadJoinTemplates } from './inbound-aad.ts';
import { contactOutTemplates, deviceOutTemplate, groupOutTemplates, userOutTemplates } from './outbound-aad.ts';
import { adExchangeHybridTemplates, adJoinTemplates, immutableIdTemplate } from './outbound-ad.ts';
import type { RuleTemplate, TemplateOptions } from './rule-template.ts';

/** Every template, in precedence-group order. */
export function ruleCatalog(o: TemplateOptions): RuleTemplate[] {
  const user = personTemplates('user', o);
  const inet = personTemplates('inetOrgPerson', o);
  const group = groupTemplates();
  const contact = contactTemplates();
  const aadJoin = aadJoinTemplates();
  const userOut = userOutTemplates();
  const contactOut = contactOutTemplates();
  const groupOut = groupOutTemplates(o);
  const aadHybrid = aadExchangeHybridTemplates();
  const adJoin = adJoinTemplates();
  const adHybrid = adExchangeHybridTemplates();
  const perPurpose = (['join', 'accountEnabled', 'commonFromExchange', 'common', 'exchange', 'lync'] as const).flatMap((p) => [user[p], inet[p]]);
  const workloads = ['join', 'identity', 'exchangeOnline', 'dynamicsCrm', 'intune', 'lyncOnline', 'sharePointOnline', 'azureRms'] as const;
  return [
    ...perPurpose,
    group.join, group.exchange, group.common,
    contact.join, contact.common, contact.lync,
    fspTemplate(),
    aadJoin.user, aadJoin.contact, aadJoin.group, aadJoin.ngcKey,
    ...workloads.map((w) => userOut[w]),
    ...workloads.map((w) => contactOut[w]),
    ...workloads.map((w) => groupOut[w]),
    userOut.officeProPlus,
    aadHybrid.contact, aadHybrid.group, aadHybrid.user,
    adJoin.contact, adJoin.group, adJoin.inetOrgPerson, adJoin.user,
    adHybrid.contact, adHybrid.group, adHybrid.inetOrgPerson, adHybrid.user,
    computerTemplate(), deviceOutTemplate(), deviceCommonTemplate(),
    // Newer than the numbered block, so it is appended rather than renumbering the shipped rules.
    ...(o.sourceAnchor === 'ms-DS-ConsistencyGuid' ? [immutableIdTemplate()] : []),
  ];
}
