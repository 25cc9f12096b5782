import { describe, expect, it } from 'vitest';
import { defaultGraphScope, scopeResource } from './graph-scope.ts';
import { entraConfigSchema } from './config.ts';

describe('Graph token scope per cloud', () => {
  it('takes the resource of a Microsoft Graph host, else the Graph of the sign-in cloud, else the global one', () => {
    expect(defaultGraphScope('https://graph.microsoft.com', 'https://login.microsoftonline.com')).toBe('https://graph.microsoft.com/.default');
    expect(defaultGraphScope('https://graph.microsoft.us/', 'https://login.microsoftonline.us')).toBe('https://graph.microsoft.us/.default');
    expect(defaultGraphScope('https://dod-graph.microsoft.us', 'https://login.microsoftonline.us')).toBe('https://dod-graph.microsoft.us/.default');
    expect(defaultGraphScope('https://microsoftgraph.chinacloudapi.cn', 'https://login.chinacloudapi.cn')).toBe('https://microsoftgraph.chinacloudapi.cn/.default');
    // A gateway or emulator keeps the cloud's Graph resource: Entra ID issues no tokens for the gateway's address.
    expect(defaultGraphScope('https://graph-gw.contoso.com:8443', 'https://login.microsoftonline.us')).toBe('https://graph.microsoft.us/.default');
    expect(defaultGraphScope('https://127.0.0.1:4443', 'https://127.0.0.1:4443')).toBe('https://graph.microsoft.com/.default');
    expect(scopeResource('https://graph.microsoft.us/.default')).toBe('https://graph.microsoft.us');
  });

  it('fills the default into the configuration, keeps an explicit one and refuses a malformed one or an unknown key', () => {
    const base = { tenantId: 'contoso.onmicrosoft.com', clientId: '11111111-2222-4333-8444-555555555555', auth: { kind: 'secret', clientSecret: 's' } };
    expect(entraConfigSchema.parse(base).graphScope).toBe('https://graph.microsoft.com/.default');
    expect(entraConfigSchema.parse({ ...base, graphBaseUrl: 'https://gw.example', graphScope: 'https://dod-graph.microsoft.us/.default' }).graphScope).toBe('https://dod-graph.microsoft.us/.default');
    const bad = entraConfigSchema.safeParse({ ...base, graphScope: 'https://graph.microsoft.com' });
    expect(bad.success ? [] : bad.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(['graphScope: must be the Graph resource followed by /.default, e.g. https://graph.microsoft.com/.default']);
    const typo = entraConfigSchema.safeParse({ ...base, graphScpoe: 'x' });
    expect(typo.success).toBe(false);
  });
});
