import { describe, expect, it } from 'vitest';
import { parseFilter } from './odata-filter.ts';

const user: Record<string, unknown> = { id: 'u1', userPrincipalName: 'Ann@Contoso.com', displayName: "O'Neil", accountEnabled: true, proxyAddresses: ['SMTP:ann@contoso.com', 'smtp:a@contoso.com'] };
const get = (key: string): unknown => user[key];

describe('emulator $filter', () => {
  it('compares strings case-insensitively and handles quotes, booleans and null', () => {
    expect(parseFilter("userPrincipalName eq 'ann@contoso.com'")(get)).toBe(true);
    expect(parseFilter("displayName eq 'O''Neil'")(get)).toBe(true);
    expect(parseFilter('accountEnabled eq true')(get)).toBe(true);
    expect(parseFilter('jobTitle eq null')(get)).toBe(true);
    expect(parseFilter("id eq 'u2'")(get)).toBe(false);
  });

  it('supports startswith, any() lambdas, and/or with parentheses', () => {
    expect(parseFilter("startswith(displayName,'o''n')")(get)).toBe(true);
    expect(parseFilter("proxyAddresses/any(x:x eq 'SMTP:A@contoso.com')")(get)).toBe(true);
    expect(parseFilter("id eq 'zz' or (accountEnabled eq true and startswith(userPrincipalName,'ann'))")(get)).toBe(true);
    expect(parseFilter("id eq 'zz' or accountEnabled eq false")(get)).toBe(false);
  });

  it('refuses unsupported syntax with Request_UnsupportedQuery', () => {
    for (const bad of ["displayName ne 'x'", "endswith(mail,'x')", "displayName eq 'x", "proxyAddresses/all(x:x eq 'a')", "id eq 'a' extra"]) {
      expect(() => parseFilter(bad), bad).toThrow(expect.objectContaining({ status: 400, code: 'Request_UnsupportedQuery' }));
    }
  });
});
