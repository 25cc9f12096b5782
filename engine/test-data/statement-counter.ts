// A test helper: counts the statements a store runs, for tests that check work is read ahead in batches.
import type { Store } from '../store/store.ts';

/** Counts the statements the store runs from here on (reads and writes through prepared statements). */
export function countStatements(s: Store): () => number {
  let n = 0;
  const wrap = (st: object): object => {
    const proxy: object = new Proxy(st, {
      get(target, key) {
        const v = Reflect.get(target, key) as unknown;
        if (typeof v !== 'function') return v;
        return (...args: unknown[]) => {
          if (['get', 'all', 'run', 'iterate'].includes(String(key))) n++;
          const r = (v as (...a: unknown[]) => unknown).apply(target, args);
          return r === target ? proxy : r;
        };
      },
    });
    return proxy;
  };
  // The connector space's own statements were prepared with the store: count them where it keeps them; the rest
  // through prepare.
  const stmts = (s.cs as unknown as { stmts: Record<string, object> }).stmts;
  for (const name of Object.keys(stmts)) stmts[name] = wrap(stmts[name]);
  const prepare = s.db.prepare.bind(s.db);
  s.db.prepare = ((sql: string) => wrap(prepare(sql))) as typeof s.db.prepare;
  return () => n;
}
