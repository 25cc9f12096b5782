// The demo workspace's configuration: an HR feed and a groups file flowing into the metaverse,
// and a directory (a JSON file) provisioned from it.
import path from 'node:path';
import type { ConfigDocument } from '../../shared/model/config.ts';
import type { SyncRuleInput } from '../../shared/model/sync-rules.ts';

export const DEMO_CONNECTORS = { hr: 'HR feed (CSV)', groups: 'Groups (JSON)', directory: 'Directory (JSON)' } as const;

const PERSON_ATTRIBUTES = ['employeeID', 'givenName', 'sn', 'displayName', 'department', 'title', 'mail', 'managerEmployeeID', 'employeeType', 'uid'];
const GROUP_ATTRIBUTES = ['groupID', 'displayName', 'description', 'memberEmployeeIDs'];

const direct = (destination: string, source = destination) => ({ destination, sources: [source], flowType: 'Direct' as const });
const expression = (destination: string, text: string, sources: string[]) => ({ destination, sources, flowType: 'Expression' as const, expression: text });

/** Builds the configuration document for a demo workspace whose files live in `dir`. */
export function demoConfig(dir: string): ConfigDocument {
  const connector = (key: keyof typeof DEMO_CONNECTORS) => ({ id: `demo-${key}`, name: DEMO_CONNECTORS[key] });
  const rules: SyncRuleInput[] = [
    {
      id: 'demo-in-hr-person',
      name: 'In from HR - Person',
      description: 'Projects every employee and contractor of the HR feed into the metaverse; joins on employeeID.',
      direction: 'Inbound',
      precedence: 10,
      connector: connector('hr'),
      sourceObjectType: 'user',
      targetObjectType: 'person',
      linkType: 'Provision',
      joinRules: [[{ csAttribute: 'employeeId', mvAttribute: 'employeeID', caseSensitive: false }]],
      attributeFlows: [
        direct('employeeID', 'employeeId'),
        direct('givenName'),
        direct('sn'),
        direct('displayName'),
        direct('department'),
        direct('title'),
        expression('mail', 'LCase(Trim([mail]))', ['mail']),
        direct('managerEmployeeID', 'managerId'),
        direct('employeeType'),
        expression('uid', 'LCase([employeeId])', ['employeeId']),
      ],
    },
    {
      id: 'demo-in-groups-group',
      name: 'In from Groups - Group',
      description: 'Projects every group of the groups file.',
      direction: 'Inbound',
      precedence: 20,
      connector: connector('groups'),
      sourceObjectType: 'group',
      targetObjectType: 'group',
      linkType: 'Provision',
      joinRules: [[{ csAttribute: 'groupId', mvAttribute: 'groupID', caseSensitive: false }]],
      attributeFlows: [direct('groupID', 'groupId'), direct('displayName'), direct('description'), direct('memberEmployeeIDs', 'members')],
    },
    {
      id: 'demo-out-directory-user',
      name: 'Out to Directory - User',
      description: 'Provisions every employee (not contractors) as an inetOrgPerson entry.',
      direction: 'Outbound',
      precedence: 30,
      connector: connector('directory'),
      sourceObjectType: 'person',
      targetObjectType: 'inetOrgPerson',
      linkType: 'Provision',
      scopingFilter: [[{ attribute: 'employeeType', operator: 'EQUAL', value: 'Employee' }]],
      joinRules: [[{ csAttribute: 'employeeNumber', mvAttribute: 'employeeID', caseSensitive: false }]],
      attributeFlows: [
        expression('dn', '"uid=" & [uid] & ",ou=people,dc=demo,dc=example"', ['uid']),
        direct('employeeNumber', 'employeeID'),
        direct('uid'),
        direct('cn', 'displayName'),
        direct('givenName'),
        direct('sn'),
        direct('mail'),
        direct('title'),
        expression('ou', 'IIF(IsPresent([department]), [department], "Unassigned")', ['department']),
        { destination: 'objectClass', sources: [], flowType: 'Constant', expression: 'inetOrgPerson' },
      ],
    },
  ];
  return {
    format: 'idsync-config',
    version: 1,
    metaverse: {
      objectTypes: [
        { name: 'person', attributes: PERSON_ATTRIBUTES },
        { name: 'group', attributes: GROUP_ATTRIBUTES },
      ],
      attributes: [
        ...PERSON_ATTRIBUTES.map((name) => ({ name, type: 'string' as const, multiValued: false, indexed: ['employeeID', 'mail', 'displayName', 'uid'].includes(name) })),
        { name: 'groupID', type: 'string' as const, multiValued: false, indexed: true },
        { name: 'description', type: 'string' as const, multiValued: false, indexed: false },
        { name: 'memberEmployeeIDs', type: 'string' as const, multiValued: true, indexed: false },
      ],
    },
    connectors: [
      {
        id: 'demo-hr',
        name: DEMO_CONNECTORS.hr,
        type: 'file',
        description: 'Daily HR export: one row per employee or contractor',
        config: { format: 'csv', path: path.join(dir, 'hr-users.csv'), anchor: 'employeeId', objectType: 'user', dnTemplate: 'CN={employeeId},OU=HR' },
      },
      {
        id: 'demo-groups',
        name: DEMO_CONNECTORS.groups,
        type: 'file',
        description: 'Groups maintained by the service desk',
        config: {
          format: 'json',
          path: path.join(dir, 'groups.json'),
          anchor: 'groupId',
          objectType: 'group',
          dnTemplate: 'CN={groupId},OU=Groups',
          attributes: { members: { type: 'string', multiValued: true } },
        },
      },
      {
        id: 'demo-directory',
        name: DEMO_CONNECTORS.directory,
        type: 'file',
        description: 'The directory the HR feed provisions, kept as a JSON file',
        config: { format: 'json', path: path.join(dir, 'directory.json'), anchor: 'employeeNumber', objectType: 'inetOrgPerson', attributes: { objectClass: { type: 'string', multiValued: true } } },
      },
    ],
    syncRules: rules as ConfigDocument['syncRules'],
  };
}
