// The headless setup input: validation, refusal of plain secrets, connector configurations.
import { describe, expect, it } from 'vitest';
import { connectorSpecs, parseSetupInput, type SecretSource } from './setup-input.ts';

const input = {
  forests: [{ url: 'ldaps://dc1.contoso.com', bindDn: 'CN=sync,CN=Users,DC=contoso,DC=com', passwordEnv: 'AD_PW', ous: ['OU=Sales,DC=contoso,DC=com'] }],
  entra: { tenant: 'contoso.onmicrosoft.com', clientId: '11111111-2222-3333-4444-555555555555', secretEnv: 'ENTRA_SECRET', graphBaseUrl: 'https://127.0.0.1:9443' },
};
const secrets: SecretSource = {
  secret: (v) => ({ AD_PW: 'pw-value', ENTRA_SECRET: 'secret-value' })[v] ?? (() => { throw new Error(`${v} is not set`); })(),
  file: () => '-----BEGIN CERTIFICATE-----',
};

describe('setup input', () => {
  it('builds the LDAP and Entra connector configurations with the secrets from their variables', () => {
    const specs = connectorSpecs(parseSetupInput(input), secrets);
    expect(specs.forests[0]).toMatchObject({
      name: 'dc1.contoso.com', type: 'ldap',
      config: { url: 'ldaps://dc1.contoso.com', security: 'ldaps', password: 'pw-value', flavour: 'ad', includeContainers: ['OU=Sales,DC=contoso,DC=com'] },
    });
    expect((specs.forests[0].config.objectTypes as { name: string }[]).map((t) => t.name)).toEqual(
      ['user', 'inetOrgPerson', 'group', 'contact', 'computer', 'foreignSecurityPrincipal', 'organizationalUnit']);
    expect(specs.entra).toMatchObject({
      name: 'contoso.onmicrosoft.com - AAD', type: 'entra',
      config: { tenantId: 'contoso.onmicrosoft.com', auth: { kind: 'secret', clientSecret: 'secret-value' }, graphBaseUrl: 'https://127.0.0.1:9443' },
    });
    expect(specs).toMatchObject({ sourceAnchor: 'ms-DS-ConsistencyGuid', userMatching: 'unique', deleteThreshold: 500 });
  });

  it('refuses a secret given as a value, naming where it is', () => {
    expect(() => parseSetupInput({ ...input, forests: [{ ...input.forests[0], password: 'x' }] })).toThrow(/forests\[0\]\.password: secrets are not accepted/);
    expect(() => parseSetupInput({ ...input, entra: { ...input.entra, clientSecret: 'x' } })).toThrow(/entra\.clientSecret/);
  });

  it('names the field of a bad value and a missing variable', () => {
    expect(() => parseSetupInput({ ...input, forests: [{ ...input.forests[0], url: 'dc1' }] })).toThrow(/forests\.0\.url: must be ldap/);
    expect(() => parseSetupInput({ ...input, sourceAnchor: 'mail' })).toThrow(/sourceAnchor/);
    expect(() => connectorSpecs(parseSetupInput({ ...input, entra: { ...input.entra, secretEnv: 'NOPE' } }), secrets)).toThrow(/NOPE is not set/);
  });
});
