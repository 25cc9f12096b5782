import { describe, expect, it } from 'vitest';
import { WriteBudget, writeBudgetFor } from './write-budget.ts';

describe('Entra write budget', () => {
  it('sizes burst and rate so that any window stays within the quota', () => {
    for (const settings of [
      { quotaWrites: 3000, windowSeconds: 150, targetShare: 0.95 },
      { quotaWrites: 100, windowSeconds: 1, targetShare: 0.8 },
      { quotaWrites: 3000, windowSeconds: 6, targetShare: 0.97 },
    ]) {
      const b = new WriteBudget(settings);
      const worstWindow = b.capacity + b.ratePerMs * settings.windowSeconds * 1000;
      expect(worstWindow).toBeLessThanOrEqual(settings.quotaWrites);
      expect(b.ratePerMs * settings.windowSeconds * 1000).toBeCloseTo(settings.quotaWrites * settings.targetShare);
    }
    expect(new WriteBudget({ quotaWrites: 3000, windowSeconds: 150, targetShare: 0.95 }).capacity).toBe(75);
  });

  it('is shared per tenant and app, and renewed when the settings change', () => {
    const s = { quotaWrites: 3000, windowSeconds: 150, targetShare: 0.95 };
    const a = writeBudgetFor('Tenant', 'App', s);
    expect(writeBudgetFor('tenant', 'app', { ...s })).toBe(a);
    expect(writeBudgetFor('tenant', 'other', s)).not.toBe(a);
    expect(writeBudgetFor('tenant', 'app', { ...s, targetShare: 0.9 })).not.toBe(a);
  });

  it('hands out the burst at once and refuses an aborted wait', async () => {
    const b = new WriteBudget({ quotaWrites: 1000, windowSeconds: 1000, targetShare: 0.5 });
    await b.take(b.capacity);
    b.pause(60_000);
    const abort = new AbortController();
    const waiting = b.take(1, abort.signal);
    abort.abort(new Error('stopped'));
    await expect(waiting).rejects.toThrow('stopped');
  });
});
