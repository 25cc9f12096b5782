// The Entra side of the default rules, adapted to IdSync's Microsoft Graph connector (Q9): Entra Connect's
// own connector speaks a private vocabulary (sourceAnchor, alias, city…); Graph has its own property
// names and refuses some writes. Attributes are renamed, flows Graph cannot carry are dropped (and named
// in the description), and rules that cannot work at all are kept but disabled with the reason.
import type { AttributeFlow, ScopingCondition, SyncRule } from '../../../shared/model/sync-rules.ts';

/** Entra Connect attribute → Graph property, per Entra object type. Absent = Graph cannot write it. */
export const GRAPH_PROPERTY: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  user: {
    accountEnabled: 'accountEnabled', userPrincipalName: 'userPrincipalName', displayName: 'displayName', givenName: 'givenName',
    surname: 'surname', mail: 'mail', alias: 'mailNickname', sourceAnchor: 'onPremisesImmutableId', city: 'city', country: 'country',
    state: 'state', streetAddress: 'streetAddress', postalCode: 'postalCode', department: 'department', company: 'companyName',
    title: 'jobTitle', physicalDeliveryOfficeName: 'officeLocation', mobile: 'mobilePhone', telephoneNumber: 'businessPhones',
    preferredLanguage: 'preferredLanguage', usageLocation: 'usageLocation', employeeID: 'employeeId', cloudAnchor: 'cloudAnchor',
  },
  group: { displayName: 'displayName', description: 'description', alias: 'mailNickname', securityEnabled: 'securityEnabled', member: 'member', cloudAnchor: 'cloudAnchor' },
  contact: {},
  device: {},
};

/**
 * mailNickname per Entra object type. Graph requires it on create and refuses to clear it, while Entra Connect's
 * rules flow `alias` only from an Exchange mailNickname (its own sync service derives one otherwise). So the rules
 * supply it: the Exchange alias when there is one, else the UPN prefix (users; a valid Entra UPN prefix is a valid
 * alias) or the objectGUID as text (groups; always valid, never taken by another group).
 */
export const GRAPH_MAIL_NICKNAME: Readonly<Record<string, { expression: string; sources: string[] }>> = {
  user: { expression: 'IIF(IsPresent([mailNickname]),[mailNickname],Word([userPrincipalName],1,"@"))', sources: ['mailNickname', 'userPrincipalName'] },
  group: { expression: 'IIF(IsPresent([mailNickname]),[mailNickname],StringFromGuid([sourceAnchorBinary]))', sources: ['mailNickname', 'sourceAnchorBinary'] },
};

/** The connector-space name of an Entra object: its object id once known, the anchor-based name before. */
export const GRAPH_DN = 'IIF(IsPresent([cloudAnchor]),Word([cloudAnchor],2,"_"),"CN={" & ConvertToUTF8Hex([sourceAnchor]) & "}")';

/** Why a whole rule cannot work through Graph, by rule name. */
const DISABLED_FOR_GRAPH: Readonly<Record<string, string>> = {
  'Out to AAD - Device Join SOAInAD': 'Microsoft Graph cannot register hybrid-joined devices (device registration owns userCertificate and deviceId).',
};

/** What the Graph property carries for the out-of-box "the object is synchronized" scope (cloudMastered ≠ True). */
const SYNCED_FROM_ON_PREMISES: ScopingCondition = { attribute: 'onPremisesImmutableId', operator: 'ISNOTNULL', value: '' };

function reasonForDroppedFlow(attr: string, objectType: string): string {
  if (attr === 'proxyAddresses') return 'proxyAddresses (read-only through Graph; Exchange derives it)';
  if (attr === 'dn') return '';
  return `${attr} (no writable Graph property on ${objectType})`;
}

function adaptOutbound(rule: SyncRule, map: Readonly<Record<string, string>>): SyncRule {
  const kept: AttributeFlow[] = [];
  const dropped: string[] = [];
  for (const f of rule.attributeFlows) {
    // `dn` names the new connector-space object; Graph names it by its object id on create, which comes back
    // as cloudAnchor (`User_<id>`) — from then on the name is the object id, so it never looks renamed.
    if (f.destination === 'dn') { kept.push({ ...f, sources: ['cloudAnchor', 'sourceAnchor'], expression: GRAPH_DN }); continue; }
    const property = map[f.destination];
    const nickname = property === 'mailNickname' ? GRAPH_MAIL_NICKNAME[rule.targetObjectType] : undefined;
    if (nickname) kept.push({ ...f, destination: property!, flowType: 'Expression', ...nickname });
    else if (property) kept.push({ ...f, destination: property });
    else dropped.push(reasonForDroppedFlow(f.destination, rule.targetObjectType));
  }
  const joinRules = rule.joinRules
    .map((g) => g.filter((c) => map[c.csAttribute]).map((c) => ({ ...c, csAttribute: map[c.csAttribute] })))
    .filter((g) => g.length > 0);
  return withNotes({ ...rule, attributeFlows: kept, joinRules }, dropped);
}

function adaptInbound(rule: SyncRule, map: Readonly<Record<string, string>>): SyncRule {
  const kept: AttributeFlow[] = [];
  const dropped: string[] = [];
  for (const f of rule.attributeFlows) {
    if (f.flowType === 'Direct') {
      const property = map[f.sources[0] ?? ''];
      if (property) kept.push({ ...f, sources: [property] });
      else dropped.push(`${f.destination} (Graph has no ${f.sources[0]} on ${rule.sourceObjectType})`);
    } else if (f.expression === 'ImportedValue("sourceAnchor")' && map.sourceAnchor) {
      kept.push({ ...f, sources: [map.sourceAnchor], expression: `ImportedValue("${map.sourceAnchor}")` });
    } else {
      dropped.push(`${f.destination} (reads attributes Graph does not provide)`);
    }
  }
  // Graph groups carry no onPremisesImmutableId: a group synchronized by IdSync is known by its provisioning link,
  // and a cloud-only group has nothing to join on, so the group rules need no "synchronized" scope at all.
  const synced = rule.sourceObjectType === 'group' ? null : SYNCED_FROM_ON_PREMISES;
  const scopingFilter = rule.scopingFilter.map((g) =>
    g.flatMap((c) => (c.attribute !== 'cloudMastered' ? [c] : synced ? [synced] : [])),
  );
  const joinRules = rule.joinRules
    .map((g) => g.filter((c) => map[c.csAttribute]).map((c) => ({ ...c, csAttribute: map[c.csAttribute] })))
    .filter((g) => g.length > 0);
  return withNotes({ ...rule, attributeFlows: kept, joinRules, scopingFilter }, dropped);
}

function withNotes(rule: SyncRule, dropped: readonly string[]): SyncRule {
  const notes = dropped.filter(Boolean);
  const description = notes.length ? [rule.description, `Not carried through Microsoft Graph: ${notes.join(', ')}.`].filter(Boolean).join(' ') : rule.description;
  return description === undefined ? rule : { ...rule, description };
}

function disable(rule: SyncRule, reason: string): SyncRule {
  if (rule.disabled) return rule;
  return { ...rule, disabled: true, description: [rule.description, `Disabled: ${reason}`].filter(Boolean).join(' ') };
}

/** Adapts one rule of the Entra connector to Graph. */
export function adaptToGraph(rule: SyncRule): SyncRule {
  if (rule.disabled) return rule;
  const entraType = rule.direction === 'Outbound' ? rule.targetObjectType : rule.sourceObjectType;
  const map = GRAPH_PROPERTY[entraType] ?? {};
  const named = DISABLED_FOR_GRAPH[rule.name];
  if (named) return disable(rule, named);
  if (entraType === 'contact') return disable(rule, 'Microsoft Graph cannot create or update organizational contacts.');
  const adapted = rule.direction === 'Outbound' ? adaptOutbound(rule, map) : adaptInbound(rule, map);
  const provisions = adapted.linkType === 'Provision' || adapted.joinRules.length > 0;
  if (adapted.attributeFlows.length === 0 && !provisions) {
    return disable(adapted, 'none of its attributes can be written or read through Microsoft Graph.');
  }
  return adapted;
}
