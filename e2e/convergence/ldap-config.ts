// The LDAP scenario's configuration for `idsync config import`: an OpenLDAP source (entryUUID anchors, delta
// import from cn=accesslog) provisioned to an OpenLDAP target. model-ldap.ts states the same rules independently.
import { PLACEHOLDER_MEMBER } from './model-ldap.ts';

export interface LdapEndpoint {
  readonly url: string;
  readonly bindDn: string;
  readonly password: string;
  readonly suffix: string;
}

const direct = (destination: string, source = destination) => ({ destination, sources: [source], flowType: 'Direct' });

function connector(name: string, description: string, s: LdapEndpoint): unknown {
  return {
    name, type: 'ldap', description,
    config: {
      url: s.url, security: 'none', bindDn: s.bindDn, password: s.password, flavour: 'openldap', baseDns: [s.suffix],
      includeContainers: [`ou=people,${s.suffix}`, `ou=groups,${s.suffix}`],
      objectTypes: [{ name: 'person', objectClasses: ['inetOrgPerson'] }, { name: 'group', objectClasses: ['groupOfNames'] }],
    },
  };
}

/** The idsync-config document. */
export function ldapConfig(source: LdapEndpoint, target: LdapEndpoint): unknown {
  return {
    format: 'idsync-config',
    version: 1,
    metaverse: {
      objectTypes: [
        { name: 'person', attributes: ['employeeId', 'cn', 'givenName', 'sn', 'title', 'mail', 'department', 'status', 'manager'] },
        { name: 'group', attributes: ['cn', 'description', 'member'] },
      ],
      attributes: [
        { name: 'employeeId', indexed: true }, { name: 'cn' }, { name: 'givenName' }, { name: 'sn' }, { name: 'title' }, { name: 'mail' },
        { name: 'department' }, { name: 'status' }, { name: 'manager', type: 'reference' }, { name: 'description' },
        { name: 'member', type: 'reference', multiValued: true },
      ],
    },
    connectors: [connector('Source', 'The HR directory', source), connector('Target', 'The application directory', target)],
    syncRules: [
      {
        id: 'in-source-person', name: 'In from Source - Person', direction: 'Inbound', precedence: 10, connector: { id: '', name: 'Source' },
        sourceObjectType: 'person', targetObjectType: 'person', linkType: 'Provision',
        joinRules: [[{ csAttribute: 'employeeNumber', mvAttribute: 'employeeId' }]],
        attributeFlows: [
          direct('employeeId', 'employeeNumber'), direct('cn'), direct('givenName'), direct('sn'), direct('title'), direct('mail'),
          direct('department', 'departmentNumber'), direct('status', 'employeeType'), direct('manager'),
        ],
      },
      {
        id: 'in-source-group', name: 'In from Source - Group', direction: 'Inbound', precedence: 20, connector: { id: '', name: 'Source' },
        sourceObjectType: 'group', targetObjectType: 'group', linkType: 'Provision', joinRules: [],
        attributeFlows: [direct('cn'), direct('description'), direct('member')],
      },
      {
        id: 'out-target-person', name: 'Out to Target - Person', direction: 'Outbound', precedence: 30, connector: { id: '', name: 'Target' },
        sourceObjectType: 'person', targetObjectType: 'person', linkType: 'Provision',
        scopingFilter: [[{ attribute: 'status', operator: 'EQUAL', value: 'active' }]],
        attributeFlows: [
          { destination: 'dn', flowType: 'Expression', expression: `EscapeDNComponent("cn=" & [cn]) & "," & EscapeDNComponent("ou=" & [department]) & ",ou=people,${target.suffix}"` },
          { destination: 'objectClass', flowType: 'Constant', expression: 'inetOrgPerson' },
          direct('cn'), direct('sn'), direct('givenName'), direct('title'), direct('mail'), direct('employeeNumber', 'employeeId'), direct('manager'),
        ],
      },
      {
        id: 'out-target-group', name: 'Out to Target - Group', direction: 'Outbound', precedence: 40, connector: { id: '', name: 'Target' },
        sourceObjectType: 'group', targetObjectType: 'group', linkType: 'Provision',
        attributeFlows: [
          { destination: 'dn', flowType: 'Expression', expression: `EscapeDNComponent("cn=" & [cn]) & ",ou=groups,${target.suffix}"` },
          { destination: 'objectClass', flowType: 'Constant', expression: 'groupOfNames' },
          direct('cn'), direct('description'), direct('member'),
        ],
      },
      {
        // groupOfNames needs a member: when none of the members resolve, this lower-precedence flow gives one.
        id: 'out-target-group-placeholder', name: 'Out to Target - Group placeholder member', direction: 'Outbound', precedence: 50,
        connector: { id: '', name: 'Target' }, sourceObjectType: 'group', targetObjectType: 'group', linkType: 'Join',
        attributeFlows: [{ destination: 'member', flowType: 'Constant', expression: PLACEHOLDER_MEMBER }],
      },
    ],
  };
}
