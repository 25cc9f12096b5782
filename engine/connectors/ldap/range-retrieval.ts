// AD returns very large multi-valued attributes in slices (`member;range=0-1499`); fetch the remaining slices
// with base searches (`member;range=1500-*`) until the server marks the last one with `*`.
import type { Client, Entry } from 'ldapts';

const RANGE = /^(.+);range=(\d+)-(\d+|\*)$/i;

/** True when an entry carries a partial (ranged) attribute. */
export function hasRanges(entry: Entry): boolean {
  for (const key in entry) if (key.includes(';') && RANGE.test(key)) return true;
  return false;
}

/** Replaces every `attr;range=a-b` key of the entry with the complete `attr` value list. */
export async function completeRanges(client: Client, entry: Entry, binaryAttributes: string[]): Promise<void> {
  for (const key of Object.keys(entry)) {
    const m = RANGE.exec(key);
    if (!m) continue;
    const [, attribute, , high] = m;
    const values: (string | Buffer)[] = [...asArray(entry[key])];
    delete entry[key];
    let next = high === '*' ? undefined : Number(high) + 1;
    while (next !== undefined) {
      const { searchEntries } = await client.search(entry.dn, {
        scope: 'base',
        filter: '(objectClass=*)',
        attributes: [`${attribute};range=${next}-*`],
        explicitBufferAttributes: binaryAttributes,
      });
      const slice = Object.entries(searchEntries[0] ?? {}).find(([k]) => RANGE.test(k) && k.toLowerCase().startsWith(attribute.toLowerCase() + ';'));
      if (!slice) break;
      values.push(...asArray(slice[1]));
      const end = RANGE.exec(slice[0])![3];
      next = end === '*' ? undefined : Number(end) + 1;
    }
    entry[attribute] = values as string[];
  }
}

function asArray(v: Entry[string] | undefined): (string | Buffer)[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}
