import { describe, expect, it } from 'vitest';
import { nextPage, pagesFor, previousPage } from './pages.ts';

describe('wizard pages', () => {
  it('express shows the sign-in page only when a suffix is not verified', () => {
    const base = { mode: 'first-run' as const, path: 'express' as const, task: null };
    expect(pagesFor({ ...base, unverifiedSuffixes: false })).toEqual(['welcome', 'express', 'entra', 'directories', 'ready', 'complete']);
    expect(pagesFor({ ...base, unverifiedSuffixes: true })).toContain('upn-suffixes');
  });

  it('the customized path has every sync page in the order of the product', () => {
    const s = { mode: 'first-run' as const, path: 'custom' as const, task: null, unverifiedSuffixes: false };
    expect(pagesFor(s).slice(2, 10)).toEqual(['user-sign-in', 'entra', 'directories', 'upn-suffixes', 'ou-filtering', 'identifying', 'filtering', 'features']);
    expect(nextPage(s, 'features')).toBe('ready');
    expect(previousPage(s, 'complete')).toBeNull();
  });

  it('a later run starts on the tasks and never offers the fixed pages', () => {
    const s = { mode: 'maintenance' as const, path: null, task: 'customize' as const, unverifiedSuffixes: true };
    expect(pagesFor(s)[0]).toBe('tasks');
    expect(pagesFor(s)).not.toContain('identifying');
    expect(pagesFor(s)).not.toContain('upn-suffixes');
    expect(pagesFor({ ...s, task: 'staging' })).toEqual(['tasks', 'entra', 'staging', 'ready', 'complete']);
  });
});
