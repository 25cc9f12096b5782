// Multi-valued functions (spec §7.7): Contains, Count, Item, ItemOrNull, Join, RemoveDuplicates, Split.
import { enumArg, fail, int, num, str } from '../arguments.ts';
import { param, type CallSite, type FunctionDef } from '../function-def.ts';
import { lowerCase } from '../text-rules.ts';
import { isReference, typeName, valuesEqual, type List, type Value } from '../values.ts';

/** A collection argument as a list: Null is empty, a scalar is a one-element list. */
function asList(v: Value): List {
  if (v === null) return [];
  return Array.isArray(v) ? v : [v as List[number]];
}

function item(a: Value[], site: CallSite, orNull: boolean): Value {
  const list = asList(a[0]);
  if (a[1] === null) return orNull ? null : fail(site, 'the index is Null', 'range');
  const index = num(a, 1, site);
  if (index >= 1n && index <= BigInt(list.length)) return list[Number(index) - 1];
  return orNull ? null : fail(site, `index ${index} is out of range (${list.length} values)`, 'range');
}

const collection = param('attribute', 'any', { shape: 'collection' });

/** The Multi-valued functions. */
export const multiValuedFunctions: readonly FunctionDef[] = [
  {
    name: 'Contains',
    category: 'Multi-valued',
    signatures: ['num Contains(mvstring attribute, str search)', 'num Contains(mvstring attribute, str search, enum Casetype)', 'num Contains(mvref attribute, str search)'],
    doc: '1-based index of the first value containing the search text (references must equal it), or 0.',
    params: [collection, param('search', 'str', { nullable: true }), param('Casetype', 'str', { shape: 'enum', optional: true, enumValues: ['CaseSensitive', 'CaseInsensitive'] })],
    returns: 'num',
    impl: (a, site) => {
      if (a[1] === null) fail(site, 'the search text is Null');
      const search = str(a, 1, site);
      const insensitive = a.length > 2 && enumArg(a, 2, site, ['CaseSensitive', 'CaseInsensitive']) === 'CaseInsensitive';
      const needle = insensitive ? lowerCase(search) : search;
      const list = asList(a[0]);
      for (let i = 0; i < list.length; i++) {
        const v = list[i];
        if (typeof v === 'string' && (insensitive ? lowerCase(v) : v).includes(needle)) return BigInt(i + 1);
        if (isReference(v) && (insensitive ? lowerCase(v.dn) === needle : v.dn === search)) return BigInt(i + 1);
      }
      return 0n;
    },
  },
  {
    name: 'Count',
    category: 'Multi-valued',
    signatures: ['num Count(mvstr attribute)'],
    doc: 'The number of values (Null counts 0, a single value 1).',
    params: [collection],
    returns: 'num',
    impl: ([v]) => BigInt(asList(v).length),
  },
  {
    name: 'Item',
    category: 'Multi-valued',
    signatures: ['var Item(mvstr attribute, num index)'],
    doc: 'The value at a 1-based index; out of range is an error.',
    params: [collection, param('index', 'num', { nullable: true })],
    returns: 'any',
    impl: (a, site) => item(a, site, false),
  },
  {
    name: 'ItemOrNull',
    category: 'Multi-valued',
    signatures: ['var ItemOrNull(mvstr attribute, num index)'],
    doc: 'The value at a 1-based index, or Null when out of range.',
    params: [collection, param('index', 'num', { nullable: true })],
    returns: 'any',
    impl: (a, site) => item(a, site, true),
  },
  {
    name: 'Join',
    category: 'Multi-valued',
    signatures: ['str Join(mvstr attribute)', 'str Join(mvstr attribute, str Delimiter)'],
    doc: 'Concatenates the values with a delimiter (a space by default).',
    params: [collection, param('Delimiter', 'str', { optional: true, nullable: true })],
    returns: 'str',
    impl: (a, site) => {
      if (a[0] === null) return null;
      const delimiter = a.length < 2 ? ' ' : a[1] === null ? '' : str(a, 1, site);
      const list = asList(a[0]);
      for (const v of list) if (typeof v !== 'string') fail(site, `cannot join a ${typeName(v)} value (convert with Select and CStr)`);
      return list.join(delimiter);
    },
  },
  {
    name: 'RemoveDuplicates',
    category: 'Multi-valued',
    signatures: ['mvstr RemoveDuplicates(mvstr attribute)'],
    doc: 'Removes repeated values (case-sensitive), keeping the first occurrence and the order.',
    params: [collection],
    returns: 'any',
    impl: ([v]) => {
      if (v === null) return null;
      const out: List = [];
      const seen = new Set<string>();
      for (const x of asList(v)) {
        if (typeof x === 'string') {
          if (seen.has(x)) continue;
          seen.add(x);
        } else if (out.some((y) => valuesEqual(x, y))) continue;
        out.push(x);
      }
      return out;
    },
  },
  {
    name: 'Split',
    category: 'Multi-valued',
    signatures: ['mvstr Split(str value, str delimiter)', 'mvstr Split(str value, str delimiter, num limit)'],
    doc: 'Splits text at a one-character delimiter into a list; with a limit the last value keeps the rest.',
    params: [param('value', 'str'), param('delimiter', 'str'), param('limit', 'num', { optional: true })],
    returns: 'str',
    impl: (a, site) => {
      const value = str(a, 0, site);
      const delimiter = str(a, 1, site);
      if (delimiter.length !== 1) fail(site, `the delimiter must be exactly one character, got ${delimiter.length}`);
      const parts = value.split(delimiter);
      if (a.length < 3) return parts;
      const limit = int(a, 2, site);
      if (limit < 1) fail(site, `limit must be 1 or more, got ${limit}`, 'range');
      if (parts.length <= limit) return parts;
      return [...parts.slice(0, limit - 1), parts.slice(limit - 1).join(delimiter)];
    },
  },
];
