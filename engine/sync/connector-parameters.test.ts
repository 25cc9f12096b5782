import { describe, expect, it } from 'vitest';
import { connectorParameters, dnToFqdn } from './connector-parameters.ts';
import type { ConnectorRecord } from '../store/connector-store.ts';

const record = (config: Record<string, unknown>): ConnectorRecord => ({
  seq: 1, id: 'c-1', name: 'contoso.com', type: 'ldap', description: '', config, runProfiles: [], deleteThreshold: null, createdAt: '',
});

describe('connector parameters', () => {
  it('derives domain and forest names from the first naming context', () => {
    expect(connectorParameters(record({ baseDns: ['DC=contoso,DC=com'] }))).toEqual({
      'Connector.ID': 'c-1', 'Connector.Name': 'contoso.com',
      'Domain.FQDN': 'contoso.com', 'Domain.LDAP': 'DC=contoso,DC=com', 'Domain.Netbios': 'CONTOSO',
      'Forest.FQDN': 'contoso.com', 'Forest.LDAP': 'DC=contoso,DC=com', 'Forest.Netbios': 'CONTOSO',
    });
  });

  it('lets the configuration name the NetBIOS domain and override any parameter', () => {
    const p = connectorParameters(record({ baseDns: ['DC=corp,DC=example,DC=test'], netbiosName: 'EXAMPLE', parameters: { 'Forest.FQDN': 'example.test' } }));
    expect(p['Domain.Netbios']).toBe('EXAMPLE');
    expect(p['Forest.FQDN']).toBe('example.test');
    expect(p['Domain.FQDN']).toBe('corp.example.test');
  });

  it('falls back to the domain of the first container in scope', () => {
    const p = connectorParameters(record({ includeContainers: ['OU=Staff,DC=example,DC=test'] }));
    expect(p['Domain.FQDN']).toBe('example.test');
    expect(p['Domain.LDAP']).toBe('DC=example,DC=test');
  });

  it('gives only the connector id to a connector without a naming context', () => {
    expect(connectorParameters(record({ format: 'csv' }))).toEqual({ 'Connector.ID': 'c-1', 'Connector.Name': 'contoso.com' });
    expect(dnToFqdn('OU=Staff,O=Example')).toBeNull();
  });
});
