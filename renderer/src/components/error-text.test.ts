import { describe, expect, it } from 'vitest';
import { describeError, messageWithoutSubject, rootCause } from './error-text.ts';
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

describe('rootCause', () => {
  const trace = 'Attributes: cn=Ann, mail=\nat SyncRulesEngine.Evaluate\nInnerException => \n  Department is required for Ann\n   at Error()';
  it('takes the first line after the last InnerException marker', () => {
    expect(rootCause(trace)).toBe('Department is required for Ann');
    expect(rootCause('no marker here')).toBeNull();
  });
  it('puts the root cause first in the message and keeps the whole trace as detail', () => {
    const t = describeError(new ApiCallError('sync-rule-error-function-triggered', 'Error in rule In from AD', trace));
    expect(t.message).toBe('Department is required for Ann (Error in rule In from AD)');
    expect(t.detail).toBe(trace);
  });
  it('finds the cause in a message that carries the trace itself', () => {
    const t = describeError(new ApiCallError('sync-rule-error-function-triggered', trace));
    expect(t.message).toBe('Department is required for Ann (Attributes: cn=Ann, mail=)');
    expect(t.detail).toBe(trace);
  });
});

describe('messageWithoutSubject', () => {
  it('drops every repetition of the subject at the start', () => {
    expect(messageWithoutSubject('/d/f.csv:3: /d/f.csv:3 (anchor 1): the anchor appears twice', '/d/f.csv:3')).toBe('(anchor 1): the anchor appears twice');
    expect(messageWithoutSubject('anchor attribute is empty', '/d/f.csv:4')).toBe('anchor attribute is empty');
    expect(messageWithoutSubject('/d/f.csv:4', '/d/f.csv:4')).toBe('/d/f.csv:4');
  });
});
