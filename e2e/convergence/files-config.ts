// The files scenario's configuration, as an administrator writes it for `idsync config import`: an HR CSV and a
// directory JSON (people and groups) joined on employeeId, provisioned to an LDIF file and to a CSV roster.
// model-files.ts states the same rules independently.

export interface FilesPaths {
  readonly hr: string;
  readonly directory: string;
  readonly ldif: string;
  readonly roster: string;
}

const direct = (destination: string, source = destination) => ({ destination, sources: [source], flowType: 'Direct' });
const expression = (destination: string, text: string) => ({ destination, flowType: 'Expression', expression: text });
const constant = (destination: string, value: string) => ({ destination, flowType: 'Constant', expression: value });

/** The idsync-config document. */
export function filesConfig(p: FilesPaths): unknown {
  return {
    format: 'idsync-config',
    version: 1,
    metaverse: {
      objectTypes: [
        { name: 'person', attributes: ['employeeId', 'givenName', 'sn', 'displayName', 'department', 'title', 'status', 'manager', 'mail'] },
        { name: 'group', attributes: ['groupId', 'cn', 'description', 'member'] },
      ],
      attributes: [
        { name: 'employeeId', indexed: true }, { name: 'givenName' }, { name: 'sn' }, { name: 'displayName' }, { name: 'department' },
        { name: 'title' }, { name: 'status' }, { name: 'mail' }, { name: 'manager', type: 'reference' },
        { name: 'groupId', indexed: true }, { name: 'cn' }, { name: 'description' }, { name: 'member', type: 'reference', multiValued: true },
      ],
    },
    connectors: [
      {
        name: 'HR', type: 'file', description: 'HR feed, one row per employee',
        config: { format: 'csv', path: p.hr, anchor: 'employeeId', objectType: 'person', dnTemplate: 'employeeId={employeeId},ou=hr', attributes: { manager: { type: 'reference' } } },
      },
      {
        name: 'Directory', type: 'file', description: 'Directory export: accounts and groups',
        config: { format: 'json', path: p.directory, anchor: 'id', objectTypeAttribute: 'objectType', attributes: { member: { type: 'reference', multiValued: true } } },
      },
      { name: 'Ldif', type: 'file', description: 'LDIF handed to the directory team', config: { format: 'ldif', path: p.ldif } },
      {
        name: 'Roster', type: 'file', description: 'Staff roster (CSV)',
        config: { format: 'csv', path: p.roster, anchor: 'employeeNumber', objectType: 'person', attributes: { manager: { type: 'reference' } } },
      },
    ],
    syncRules: [
      {
        id: 'in-hr-person', name: 'In from HR - Person', direction: 'Inbound', precedence: 10, connector: { id: '', name: 'HR' },
        sourceObjectType: 'person', targetObjectType: 'person', linkType: 'Provision',
        joinRules: [[{ csAttribute: 'employeeId', mvAttribute: 'employeeId' }]],
        attributeFlows: [
          direct('employeeId'), direct('givenName'), direct('sn'), direct('displayName', 'cn'), direct('department'), direct('title'),
          direct('status'), direct('manager'),
        ],
      },
      {
        id: 'in-directory-person', name: 'In from Directory - Person', direction: 'Inbound', precedence: 20, connector: { id: '', name: 'Directory' },
        sourceObjectType: 'person', targetObjectType: 'person', linkType: 'Provision',
        joinRules: [[{ csAttribute: 'employeeId', mvAttribute: 'employeeId' }]],
        attributeFlows: [direct('employeeId'), direct('mail'), direct('title', 'jobTitle')],
      },
      {
        id: 'in-directory-group', name: 'In from Directory - Group', direction: 'Inbound', precedence: 30, connector: { id: '', name: 'Directory' },
        sourceObjectType: 'group', targetObjectType: 'group', linkType: 'Provision',
        joinRules: [[{ csAttribute: 'id', mvAttribute: 'groupId' }]],
        attributeFlows: [direct('groupId', 'id'), direct('cn'), direct('description'), direct('member')],
      },
      {
        id: 'out-ldif-person', name: 'Out to LDIF - Person', direction: 'Outbound', precedence: 40, connector: { id: '', name: 'Ldif' },
        sourceObjectType: 'person', targetObjectType: 'inetOrgPerson', linkType: 'Provision',
        scopingFilter: [[{ attribute: 'status', operator: 'EQUAL', value: 'active' }]],
        attributeFlows: [
          expression('dn', 'EscapeDNComponent("cn=" & [displayName]) & "," & EscapeDNComponent("ou=" & [department]) & ",ou=people,dc=example,dc=com"'),
          constant('objectClass', 'inetOrgPerson'), direct('cn', 'displayName'), direct('sn'), direct('givenName'), direct('title'), direct('mail'),
          direct('employeeNumber', 'employeeId'), direct('manager'),
        ],
      },
      {
        id: 'out-ldif-group', name: 'Out to LDIF - Group', direction: 'Outbound', precedence: 50, connector: { id: '', name: 'Ldif' },
        sourceObjectType: 'group', targetObjectType: 'groupOfNames', linkType: 'Provision',
        attributeFlows: [
          expression('dn', 'EscapeDNComponent("cn=" & [cn]) & ",ou=groups,dc=example,dc=com"'),
          constant('objectClass', 'groupOfNames'), direct('cn'), direct('description'), direct('member'),
        ],
      },
      {
        id: 'out-roster-person', name: 'Out to Roster - Person', direction: 'Outbound', precedence: 60, connector: { id: '', name: 'Roster' },
        sourceObjectType: 'person', targetObjectType: 'person', linkType: 'Provision',
        scopingFilter: [[{ attribute: 'status', operator: 'EQUAL', value: 'active' }], [{ attribute: 'status', operator: 'EQUAL', value: 'leave' }]],
        attributeFlows: [
          expression('dn', '"employeeNumber=" & [employeeId] & "," & EscapeDNComponent("ou=" & [department]) & ",o=roster"'),
          direct('employeeNumber', 'employeeId'), direct('cn', 'displayName'), direct('department'), direct('title'), direct('mail'), direct('manager'),
        ],
      },
    ],
  };
}
