import { describe, expect, it } from 'vitest';
import { buildScope, DEFAULT_FORM, SCOPES } from './search-scope.ts';
import { CsSearchScope } from '../../../shared/model/connector-space.ts';

describe('buildScope', () => {
  it('builds a valid request for every scope of the drop-down', () => {
    for (const s of SCOPES) {
      const r = buildScope({ ...DEFAULT_FORM, scope: s.scope, text: 'OU=Sales,DC=x' });
      expect(r).toMatchObject({ ok: true, scope: { scope: s.scope } });
      expect(CsSearchScope.parse((r as { scope?: unknown }).scope).scope).toBe(s.scope);
    }
  });
  it('maps text scopes to their field and trims', () => {
    expect(buildScope({ ...DEFAULT_FORM, scope: 'subtree', text: ' OU=Sales ' })).toEqual({ ok: true, scope: { scope: 'subtree', dn: 'OU=Sales' } });
    expect(buildScope({ ...DEFAULT_FORM, scope: 'rdn', text: 'CN=Ann' })).toEqual({ ok: true, scope: { scope: 'rdn', rdn: 'CN=Ann' } });
    expect(buildScope({ ...DEFAULT_FORM, scope: 'dn-or-anchor', text: 'abc' })).toEqual({ ok: true, scope: { scope: 'dn-or-anchor', value: 'abc' } });
  });
  it('says what is missing instead of sending an empty search', () => {
    expect(buildScope({ ...DEFAULT_FORM, scope: 'subtree', text: '  ' })).toEqual({ ok: false, message: 'Enter the container dn to search for' });
    expect(buildScope({ ...DEFAULT_FORM, scope: 'pending-export', ops: [] })).toMatchObject({ ok: false, message: expect.stringMatching(/Pending Export/) });
    expect(buildScope({ ...DEFAULT_FORM, scope: 'disconnectors', kinds: [] }).ok).toBe(false);
  });
  it('includes delete-adds with adds or deletes, and not with updates alone', () => {
    expect(buildScope({ ...DEFAULT_FORM, scope: 'pending-export', ops: ['delete'] })).toEqual({ ok: true, scope: { scope: 'pending-export', ops: ['delete', 'delete-add'] } });
    expect(buildScope({ ...DEFAULT_FORM, scope: 'pending-import', ops: ['update'] })).toEqual({ ok: true, scope: { scope: 'pending-import', ops: ['update'] } });
  });
  it('passes the disconnector kinds', () => {
    expect(buildScope({ ...DEFAULT_FORM, scope: 'disconnectors', kinds: ['explicit'] })).toEqual({ ok: true, scope: { scope: 'disconnectors', kinds: ['explicit'] } });
  });
});
