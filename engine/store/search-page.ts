// One page of a search and the count of every match, in a single pass: over the matching ids (ascending) when SQL
// alone decides, so the matches are found once, not once to count and again to page; or over candidate objects
// checked one by one when a clause is left that SQL cannot answer.
import type { SqlDatabase } from './sql/sql-database.ts';

/** The ids of a page, the total (a lower bound when `totalExact` is false), and whether more follow. */
export interface IdPage {
  readonly ids: number[];
  readonly total: number;
  readonly totalExact: boolean;
  readonly more: boolean;
}

/**
 * Reads the ids `sql` (ending in ORDER BY id) yields: counts them up to `countLimit`, keeps up to `limit` after
 * `after`. The first page asks SQL for no more ids than that needs, so a prefix matching a hundredth of a million
 * objects costs a thousand ids, not ten thousand; a later page reads on until its page and the count are done.
 */
export function idPage(db: SqlDatabase, sql: string, params: readonly unknown[], after: number, limit: number, countLimit = Infinity): IdPage {
  const bounded = after <= 0 && Number.isFinite(countLimit);
  const statement = bounded ? `${sql} LIMIT ${Math.max(countLimit, limit) + 1}` : sql;
  const ids: number[] = [];
  let total = 0;
  let totalExact = true;
  let more = false;
  // A bounded read is a few thousand ids at most: read at once (one round trip on a server, no cursor).
  const read = db.prepare(statement).pluck();
  for (const id of (bounded ? read.all(...params) : read.iterate(...params)) as Iterable<number>) {
    if (total < countLimit) total++;
    else totalExact = false;
    if (id > after) {
      if (ids.length < limit) ids.push(id);
      else more = true;
    }
    if (more && !totalExact) break;
  }
  return { ids, total, totalExact, more };
}

/** A page of objects, the total (exact, or a lower bound when `totalExact` is false), and the cursor of the next page. */
export interface ObjectPage<T> {
  readonly items: T[];
  readonly total: number;
  readonly totalExact: boolean;
  readonly nextCursor: string | null;
}

/**
 * Keeps up to `limit` of the candidates after `after` that pass `check` (candidates in id order) and counts the
 * matches up to `countLimit`: each candidate costs a read and a check of its object, so a clause matching a tenth of
 * a million objects would otherwise cost seconds to count. Reading stops once the page, its successor and the
 * counting are done.
 */
export function checkedPage<T extends { id: number }>(candidates: Iterable<T>, check: (o: T) => boolean, after: number, limit: number, countLimit = Infinity): ObjectPage<T> {
  const items: T[] = [];
  let total = 0;
  let totalExact = true;
  let nextCursor: string | null = null;
  for (const o of candidates) {
    const inPage = o.id > after;
    if (!inPage && total >= countLimit) {
      // Matches before the page that are no longer counted: the total is at least what was counted.
      totalExact = false;
      continue;
    }
    if (!check(o)) continue;
    if (total < countLimit) total++;
    else totalExact = false;
    if (!inPage) continue;
    if (items.length < limit) items.push(o);
    else nextCursor ??= String(items[items.length - 1].id);
    if (nextCursor !== null && !totalExact) break;
  }
  return { items, total, totalExact, nextCursor };
}

/** The items of an iterable, converted one at a time. */
export function* mapped<A, B>(items: Iterable<A>, convert: (a: A) => B): Generator<B> {
  for (const a of items) yield convert(a);
}

/** The rows of `table` with these ids, in id order (a page is small: one statement). */
export function rowsById<R>(db: SqlDatabase, table: 'cs_objects' | 'mv_objects', ids: readonly number[]): R[] {
  if (!ids.length) return [];
  return db.prepare(`SELECT * FROM ${table} WHERE id IN (${ids.map(() => '?').join(',')}) ORDER BY id`).all(...ids) as R[];
}
