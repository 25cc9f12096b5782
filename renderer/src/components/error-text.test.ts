import { describe, expect, it } from 'vitest';
import { describeError } from './error-text.ts';
import { ApiCallError } from '../../../shared/api/call-error.ts';

describe('describeError', () => {
  it('puts the readable message first and keeps the server detail', () => {
    const t = describeError(new ApiCallError('bind-failed', 'Invalid credentials', 'LDAP 49 at ldap://x'), 'Testing connector');
    expect(t).toEqual({ code: 'bind-failed', message: 'Testing connector: Invalid credentials', detail: 'LDAP 49 at ldap://x' });
  });
  it('says plainly when the engine does not offer a method yet', () => {
    const t = describeError(new ApiCallError('not-implemented', 'runs.list is not implemented'), 'Loading run history');
    expect(t.message).toBe('Loading run history: the engine does not offer this yet.');
    expect(t.detail).toBe('runs.list is not implemented');
  });
  it('never shows the console stack as the detail of an engine error', () => {
    expect(describeError(new ApiCallError('duplicate-object', 'anchor twice')).detail).toBeNull();
  });
  it('uses the stack of a plain error as detail', () => {
    const t = describeError(new Error('boom'));
    expect(t.code).toBe('error');
    expect(t.detail).toContain('boom');
  });
  it('handles values that are not errors', () => {
    expect(describeError('text')).toEqual({ code: 'error', message: 'text', detail: null });
  });
});
