import { describe, expect, it } from 'vitest';
import { readSearch, searchParams } from './search-url.ts';

describe('search in the URL', () => {
  it('round-trips scope, clauses, columns and the searched flag', () => {
    const state = { objectType: 'person', clauses: [{ attribute: 'sn', operator: 'starts-with' as const, value: 'Smi' }], columns: ['displayName', 'mail'], searched: true };
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(searchParams(state))) if (v) params.set(k, v);
    expect(readSearch(new URLSearchParams(params.toString()))).toEqual(state);
  });
  it('reads a broken link as no clauses and the default column', () => {
    expect(readSearch(new URLSearchParams('mvClauses=%7Bnope'))).toEqual({ objectType: null, clauses: [], columns: ['displayName'], searched: false });
  });
});
