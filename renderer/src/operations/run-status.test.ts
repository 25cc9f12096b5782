import { describe, expect, it } from 'vitest';
import { statusLook } from './run-status.ts';
import { RunStatus } from '../../../shared/model/runs.ts';

describe('statusLook', () => {
  it('has plain text for every status of the contract', () => {
    for (const s of RunStatus.options) expect(statusLook(s).text).not.toBe(s);
  });
  it('ranks stopped above errors above warnings above success (spec severity order)', () => {
    const r = (s: string) => statusLook(s).rank;
    expect(r('stopped-error-limit')).toBeGreaterThan(r('completed-discovery-errors'));
    expect(r('completed-discovery-errors')).toBeGreaterThan(r('completed-sync-errors'));
    expect(r('completed-sync-errors')).toBeGreaterThan(r('completed-transient-objects'));
    expect(r('completed-transient-objects')).toBeGreaterThan(r('completed-warnings'));
    expect(r('completed-warnings')).toBeGreaterThan(r('success'));
    expect(statusLook('no-start-credentials').tone).toBe('error');
  });
  it('keeps an unknown code as its own text', () => {
    expect(statusLook('stopped-something-new')).toMatchObject({ text: 'stopped-something-new', tone: 'error' });
  });
});
