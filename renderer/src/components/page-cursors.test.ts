import { describe, expect, it } from 'vitest';
import { canShowPage, recordNextCursor } from './page-cursors.ts';

describe('cursor paging', () => {
  it('learns the next page cursor as pages arrive', () => {
    let cs = recordNextCursor([null], 0, 'c1');
    expect(cs).toEqual([null, 'c1']);
    cs = recordNextCursor(cs, 1, 'c2');
    expect(cs).toEqual([null, 'c1', 'c2']);
    expect(canShowPage(cs, 2)).toBe(true);
    expect(canShowPage(cs, 3)).toBe(false);
  });
  it('keeps the same array when a page repeats its known cursor, so React does not re-render', () => {
    const cs = [null, 'c1'] as const;
    expect(recordNextCursor(cs, 0, 'c1')).toBe(cs);
    const last = [null, 'c1'] as const;
    expect(recordNextCursor(last, 1, null)).toBe(last);
  });
  it('forgets later cursors when a page now ends the result (rows were deleted)', () => {
    expect(recordNextCursor([null, 'c1', 'c2'], 0, null)).toEqual([null]);
  });
});
