// What an object holds in a search text index: per held attribute, the lower-cased texts of its values.
import { valueText, type StoredValue } from '../model/stored-values.ts';

/** Attribute → the lower-cased texts of its values. */
export type TextEntries = ReadonlyMap<string, ReadonlySet<string>>;

/** No entries: what a new object had, and a deleted one has. */
export const NO_ENTRIES: TextEntries = new Map();

/** The text a clause compares for a value (case-insensitive text, as matchesClause compares). */
function searchText(v: StoredValue): string {
  return valueText(v).toLowerCase();
}

/** The texts of each attribute of `attrs` that `indexes` accepts, under the name `nameOf` gives it. */
export function entriesOf(attrs: Readonly<Record<string, readonly StoredValue[]>>, indexes: (attr: string) => boolean, nameOf: (attr: string) => string = (a) => a): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [attr, values] of Object.entries(attrs)) {
    if (!values.length || !indexes(attr)) continue;
    const name = nameOf(attr);
    const texts = out.get(name) ?? new Set<string>();
    for (const v of values) texts.add(searchText(v));
    out.set(name, texts);
  }
  return out;
}

/** True when two attributes' texts are the same (both absent counts as the same). */
export function sameTexts(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.size !== b.size) return false;
  for (const t of a) if (!b.has(t)) return false;
  return true;
}

/** True when two objects' entries are the same. */
export function sameEntries(a: TextEntries, b: TextEntries): boolean {
  if (a.size !== b.size) return false;
  for (const [attr, texts] of a) if (!sameTexts(texts, b.get(attr))) return false;
  return true;
}
