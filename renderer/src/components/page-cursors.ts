// Bookkeeping of cursor paging: the cursor that starts each page reached so far.

/** Cursors after a page arrived: keeps those up to `page`, then the page's next cursor (if any). Returns the same array when nothing changed. */
export function recordNextCursor(cursors: readonly (string | null)[], page: number, nextCursor: string | null): readonly (string | null)[] {
  if (cursors.length > page + 1 && cursors[page + 1] === nextCursor) return cursors;
  if (cursors.length === page + 1 && nextCursor === null) return cursors;
  const next = cursors.slice(0, page + 1);
  if (nextCursor) next.push(nextCursor);
  return next;
}

/** Whether a page can be shown: only pages whose starting cursor is known (cursors cannot jump ahead). */
export function canShowPage(cursors: readonly (string | null)[], page: number): boolean {
  return page >= 0 && page < cursors.length;
}
