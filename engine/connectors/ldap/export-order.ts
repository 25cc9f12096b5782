// The order a directory accepts a batch in: a DN is freed (deleted, or renamed away) before it is taken again
// (added, or renamed to), and the entries below a DN are deleted or moved away before it is deleted. The batch's
// own order is kept wherever these rules do not force another one; a cycle (two entries swapping DNs) keeps it too.
import type { ExportChange } from '../contract.ts';
import { dnKey, parentDn, sameDn } from '../../model/dn.ts';

export interface OrderedBatch {
  /** Indexes into the batch, in the order to send them. */
  readonly order: number[];
  /** For each index, the indexes that must be finished before it starts (beyond the DN rule of the runner). */
  readonly after: number[][];
}

function renames(c: ExportChange): boolean {
  return c.op === 'update' && c.newDn !== undefined && !sameDn(c.dn, c.newDn);
}

/** The DN a change makes free, if any. */
function freed(c: ExportChange): string | undefined {
  return c.op === 'delete' || renames(c) ? c.dn : undefined;
}

/** The DN a change takes, if any. */
function taken(c: ExportChange): string | undefined {
  return c.op === 'add' ? c.dn : renames(c) ? c.newDn : undefined;
}

/** Orders a batch; see the file comment. */
export function orderBatch(batch: readonly ExportChange[]): OrderedBatch {
  const freers = new Map<string, number[]>();
  const freersBelow = new Map<string, number[]>();
  batch.forEach((c, i) => {
    const dn = freed(c);
    if (dn === undefined) return;
    push(freers, dnKey(dn), i);
    for (let up = parentDn(dn); up !== ''; up = parentDn(up)) push(freersBelow, dnKey(up), i);
  });
  const after: number[][] = batch.map(() => []);
  batch.forEach((c, i) => {
    const dn = taken(c);
    if (dn !== undefined) for (const j of freers.get(dnKey(dn)) ?? []) if (j !== i) after[i].push(j);
    if (c.op === 'delete') for (const j of freersBelow.get(dnKey(c.dn)) ?? []) if (j !== i) after[i].push(j);
  });
  return { order: stableTopological(after), after };
}

function push(map: Map<string, number[]>, key: string, i: number): void {
  const list = map.get(key);
  if (list) list.push(i);
  else map.set(key, [i]);
}

/** Kahn's algorithm taking the lowest ready index first; what a cycle leaves is appended in batch order. */
function stableTopological(after: readonly number[][]): number[] {
  const n = after.length;
  const waiting = after.map((a) => new Set(a).size);
  const next: number[][] = after.map(() => []);
  after.forEach((preds, i) => new Set(preds).forEach((p) => next[p].push(i)));
  const done = new Array<boolean>(n).fill(false);
  const order: number[] = [];
  const ready = after.map((_, i) => i).filter((i) => waiting[i] === 0);
  while (ready.length > 0) {
    const i = ready.shift()!;
    done[i] = true;
    order.push(i);
    for (const k of next[i]) {
      if (--waiting[k] !== 0) continue;
      const at = ready.findIndex((r) => r > k);
      ready.splice(at < 0 ? ready.length : at, 0, k);
    }
  }
  for (let i = 0; i < n; i++) if (!done[i]) order.push(i);
  return order;
}
