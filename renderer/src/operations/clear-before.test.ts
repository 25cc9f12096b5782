import { describe, expect, it } from 'vitest';
import { clearBefore } from './clear-before.ts';

describe('clearBefore', () => {
  it('is the start of the chosen local day', () => {
    const iso = clearBefore('2026-03-04', false)!;
    const d = new Date(iso);
    expect([d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes()]).toEqual([2026, 3, 4, 0, 0]);
  });
  it('is undefined when every run is cleared, whatever the date', () => {
    expect(clearBefore('', true)).toBeUndefined();
  });
  it('refuses text that is not a date', () => {
    expect(() => clearBefore('next week', false)).toThrow('Not a date: "next week"');
  });
});
