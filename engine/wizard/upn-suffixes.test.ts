import { describe, expect, it } from 'vitest';
import { upnIssues, upnSuffixRows } from './upn-suffixes.ts';

const domains = [
  { id: 'contoso.onmicrosoft.com', isVerified: true, isDefault: true },
  { id: 'contoso.com', isVerified: true, isDefault: false },
  { id: 'fabrikam.com', isVerified: false, isDefault: false },
];

describe('UPN suffixes against the tenant domains', () => {
  it('states each suffix as Verified, Not Verified or Not Added (case-insensitively)', () => {
    const rows = upnSuffixRows(new Map([['Contoso.com', 3], ['fabrikam.com', 1], ['corp.local', 2]]), domains);
    expect(rows.map((r) => [r.suffix, r.state, r.entraDomain])).toEqual([
      ['Contoso.com', 'Verified', 'contoso.com'], ['corp.local', 'Not Added', null], ['fabrikam.com', 'Not Verified', 'fabrikam.com'],
    ]);
  });

  it('blocks on unverified suffixes unless the administrator continues, naming the fallback domain', () => {
    const rows = upnSuffixRows(new Map([['corp.local', 2]]), domains);
    expect(upnIssues(rows, domains, 'userPrincipalName', false)).toEqual([
      expect.objectContaining({ severity: 'block', message: expect.stringContaining('user@contoso.onmicrosoft.com: corp.local (Not Added)') }),
    ]);
    expect(upnIssues(rows, domains, 'userPrincipalName', true)[0]?.severity).toBe('warn');
    expect(upnIssues([], domains, 'mail', false)[0]?.message).toMatch(/alternate login ID/);
  });
});
