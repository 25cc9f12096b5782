// Character rules shared by the text functions: .NET white space, invariant case mapping, title case.

/** .NET Char.IsWhiteSpace. */
export function isWhiteSpace(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000
  );
}

/** Removes leading and/or trailing white space. */
export function trimWhiteSpace(s: string, start: boolean, end: boolean): string {
  let i = 0;
  let j = s.length;
  if (start) while (i < j && isWhiteSpace(s.charCodeAt(i))) i++;
  if (end) while (j > i && isWhiteSpace(s.charCodeAt(j - 1))) j--;
  return i === 0 && j === s.length ? s : s.slice(i, j);
}

/** Invariant lower case, one code unit for one code unit (no special casing, no final sigma). */
export function lowerCase(s: string): string {
  const r = s.toLowerCase();
  return r.length === s.length && !s.includes('\u03a3') ? r : mapUnits(s, (c) => c.toLowerCase());
}

/** Invariant upper case, one code unit for one code unit (ß stays ß). */
export function upperCase(s: string): string {
  const r = s.toUpperCase();
  return r.length === s.length ? r : mapUnits(s, (c) => c.toUpperCase());
}

function mapUnits(s: string, map: (c: string) => string): string {
  let out = '';
  for (const c of s) {
    const m = map(c);
    out += m.length === c.length ? m : c;
  }
  return out;
}

const LETTER = /\p{L}/u;
const LOWER = /\p{Ll}/u;
const SEPARATOR = /[\p{Z}\p{Cc}\p{Cf}\p{P}\p{S}]/u;

/** .NET TextInfo.ToTitleCase (invariant): capitalise words, leave all-capital words alone (spec A-10). */
export function titleCase(s: string): string {
  let out = '';
  let i = 0;
  const n = s.length;
  while (i < n) {
    const c = s[i];
    if (!LETTER.test(c)) {
      out += c;
      i++;
      continue;
    }
    out += upperCase(c);
    let hasLower = LOWER.test(c);
    i++;
    let start = i;
    while (i < n) {
      const d = s[i];
      if (LETTER.test(d)) {
        if (LOWER.test(d)) hasLower = true;
        i++;
      } else if (d === "'") {
        i++;
        out += hasLower ? lowerCase(s.slice(start, i)) : s.slice(start, i);
        start = i;
        hasLower = true;
      } else if (!SEPARATOR.test(d)) {
        i++;
      } else break;
    }
    out += hasLower ? lowerCase(s.slice(start, i)) : s.slice(start, i);
  }
  return out;
}
