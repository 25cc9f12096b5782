// Text functions (spec §7.9); positions are 1-based and count UTF-16 code units.
import { randomUUID } from 'node:crypto';
import { enumArg, fail, int, str } from '../arguments.ts';
import { param, type CallSite, type FunctionDef, type StaticType } from '../function-def.ts';
import { lowerCase, titleCase, trimWhiteSpace, upperCase } from '../text-rules.ts';
import type { Value } from '../values.ts';

const COMPARE = ['vbBinaryCompare', 'vbTextCompare'] as const;
/** Longest text PadLeft/PadRight will build; far beyond any directory attribute, well below memory trouble. */
const MAX_PADDED_LENGTH = 1_048_576;

/** Argument `i` as text, or "" when Null (the null-tolerant text functions). */
function textOrEmpty(args: Value[], i: number, site: CallSite): string {
  return args[i] === null ? '' : str(args, i, site);
}

/** Replaces the monikers \n, \r and \t with the characters they name (Replace). */
function monikers(s: string): string {
  return s.indexOf('\\') < 0 ? s : s.replace(/\\[nrt]/g, (m) => (m === '\\n' ? '\n' : m === '\\r' ? '\r' : '\t'));
}

function fn(name: string, signatures: string | string[], doc: string, params: FunctionDef['params'], returns: StaticType, impl: FunctionDef['impl']): FunctionDef {
  return { name, category: 'Text', signatures: typeof signatures === 'string' ? [signatures] : signatures, doc, params, returns, impl };
}

function pad(left: boolean) {
  return (a: Value[], site: CallSite): string => {
    const s = textOrEmpty(a, 0, site);
    if (a[0] === null) return '';
    const length = int(a, 1, site);
    const padChar = a[2] === null ? fail(site, 'padCharacter must be one character, got Null') : str(a, 2, site);
    if (padChar.length !== 1) fail(site, `padCharacter must be exactly one character, got ${padChar.length}`);
    if (s.length >= length) return s;
    if (length > MAX_PADDED_LENGTH) fail(site, `length ${length} exceeds the ${MAX_PADDED_LENGTH}-character limit`, 'limit');
    return left ? s.padStart(length, padChar) : s.padEnd(length, padChar);
  };
}

function inStr(a: Value[], site: CallSite): bigint {
  const check = str(a, 0, site);
  if (a[1] === null) fail(site, 'the string to find is Null');
  const match = str(a, 1, site);
  const start = a.length > 2 ? int(a, 2, site) : 1;
  const mode = a.length > 3 ? enumArg(a, 3, site, COMPARE) : 'vbBinaryCompare';
  if (start < 1) fail(site, `start must be 1 or more, got ${start}`, 'range');
  if (start > check.length) return 0n;
  if (match.length === 0) return BigInt(start);
  const text = mode === 'vbTextCompare';
  return BigInt((text ? lowerCase(check) : check).indexOf(text ? lowerCase(match) : match, start - 1) + 1);
}

function inStrRev(a: Value[], site: CallSite): bigint {
  const check = str(a, 0, site);
  if (a[1] === null) fail(site, 'the string to find is Null');
  const match = str(a, 1, site);
  let start = a.length > 2 ? int(a, 2, site) : -1;
  const mode = a.length > 3 ? enumArg(a, 3, site, COMPARE) : 'vbBinaryCompare';
  if (start === 0 || start < -1) fail(site, `start must be -1 or 1 or more, got ${start}`, 'range');
  if (start === -1 || start > check.length) start = check.length;
  if (match.length === 0) return BigInt(start);
  const from = start - match.length;
  if (from < 0) return 0n;
  const text = mode === 'vbTextCompare';
  return BigInt((text ? lowerCase(check) : check).lastIndexOf(text ? lowerCase(match) : match, from) + 1);
}

function mid(a: Value[], site: CallSite): string {
  const s = textOrEmpty(a, 0, site);
  const start = int(a, 1, site);
  const count = a.length > 2 ? int(a, 2, site) : Number.MAX_SAFE_INTEGER;
  if (count === 0) return '';
  if (count < 0 || start <= 0 || start > s.length) return s;
  return s.substr(start - 1, count);
}

/** Parses a ReplaceChars pattern `s:t,s:t` (white space ignored) into a character map. */
function replacePattern(pattern: string, site: CallSite): Map<string, string> {
  const map = new Map<string, string>();
  const compact = Array.from(pattern).filter((c) => !/\s/u.test(c)).join('');
  if (compact.length === 0) return map;
  for (const entry of compact.split(',')) {
    const colon = entry.indexOf(':');
    if (colon < 0) fail(site, `pattern entry '${entry}' has no ':'`);
    const source = entry.slice(0, colon);
    if (source.length !== 1) fail(site, `pattern entry '${entry}': the source must be exactly one character`);
    map.set(source, entry.slice(colon + 1));
  }
  return map;
}

function word(a: Value[], site: CallSite): string {
  if (a[0] === null) return '';
  const s = str(a, 0, site);
  const n = int(a, 1, site);
  const delimiters = a[2] === null ? '' : str(a, 2, site);
  if (n < 1) return '';
  let index = 1;
  let start = 0;
  for (let i = 0; i <= s.length; i++) {
    if (i === s.length || delimiters.includes(s[i])) {
      if (index === n) return s.slice(start, i);
      index++;
      start = i + 1;
    }
  }
  return '';
}

const string = param('string', 'str');
const nullTolerant = param('string', 'str', { nullable: true });
const numChars = param('NumChars', 'num');
const compare = param('compare', 'str', { shape: 'enum', optional: true, enumValues: COMPARE });

/** The Text functions. */
export const textFunctions: readonly FunctionDef[] = [
  fn('Guid', 'str Guid()', 'Generates a new random GUID as lower-case hyphenated text.', [], 'str', () => randomUUID()),
  fn('InStr', ['num InStr(str stringcheck, str stringmatch)', 'num InStr(str stringcheck, str stringmatch, num start)', 'num InStr(str stringcheck, str stringmatch, num start, enum compare)'], 'Position (1-based) of the first occurrence of a substring at or after start, or 0.', [param('stringcheck', 'str'), param('stringmatch', 'str', { nullable: true }), param('start', 'num', { optional: true }), compare], 'num', inStr),
  fn('InStrRev', ['num InStrRev(str stringcheck, str stringmatch)', 'num InStrRev(str stringcheck, str stringmatch, num start)', 'num InStrRev(str stringcheck, str stringmatch, num start, enum compare)'], 'Position (1-based) of the last occurrence of a substring within the first start characters, or 0.', [param('stringcheck', 'str'), param('stringmatch', 'str', { nullable: true }), param('start', 'num', { optional: true }), compare], 'num', inStrRev),
  fn('LCase', 'str LCase(str value)', 'Converts text to lower case (invariant culture).', [param('value', 'str')], 'str', (a, s) => lowerCase(str(a, 0, s))),
  fn('Left', 'str Left(str string, num NumChars)', 'The first NumChars characters; Null gives "", a negative count the whole string.', [nullTolerant, numChars], 'str', (a, site) => {
    const s = textOrEmpty(a, 0, site);
    const n = int(a, 1, site);
    return n < 0 ? s : s.slice(0, n);
  }),
  fn('Len', 'num Len(str value)', 'Number of characters in the text.', [param('value', 'str')], 'num', (a, s) => BigInt(str(a, 0, s).length)),
  fn('LTrim', 'str LTrim(str value)', 'Removes leading white space.', [param('value', 'str')], 'str', (a, s) => trimWhiteSpace(str(a, 0, s), true, false)),
  fn('Mid', ['str Mid(str string, num start, num NumChars)', 'str Mid(str string, num start)'], 'Up to NumChars characters from a 1-based start; out-of-range arguments give the whole string.', [nullTolerant, param('start', 'num'), param('NumChars', 'num', { optional: true })], 'str', mid),
  fn('PadLeft', 'str PadLeft(str string, num length, str padCharacter)', 'Pads text on the left with one character up to a length.', [nullTolerant, param('length', 'num'), param('padCharacter', 'str', { nullable: true })], 'str', pad(true)),
  fn('PadRight', 'str PadRight(str string, num length, str padCharacter)', 'Pads text on the right with one character up to a length.', [nullTolerant, param('length', 'num'), param('padCharacter', 'str', { nullable: true })], 'str', pad(false)),
  fn('PCase', 'str PCase(str value)', 'Capitalises the first letter of each word; words in all capitals are kept.', [param('value', 'str')], 'str', (a, s) => titleCase(str(a, 0, s))),
  fn('Replace', 'str Replace(str string, str OldValue, str NewValue)', 'Replaces every occurrence of a substring; \\n, \\r and \\t name line feed, carriage return and tab.', [string, param('OldValue', 'str'), param('NewValue', 'str', { nullable: true })], 'str', (a, site) => {
    const s = str(a, 0, site);
    const oldValue = monikers(str(a, 1, site));
    if (oldValue.length === 0) fail(site, 'OldValue must not be empty');
    const newValue = a[2] === null ? '' : monikers(str(a, 2, site));
    return s.split(oldValue).join(newValue);
  }),
  fn('ReplaceChars', 'str ReplaceChars(str string, str ReplacePattern)', 'Replaces single characters by the pattern source:target,… (one pass).', [string, param('ReplacePattern', 'str')], 'str', (a, site) => {
    const s = str(a, 0, site);
    const map = replacePattern(str(a, 1, site), site);
    let out = '';
    for (let i = 0; i < s.length; i++) out += map.get(s[i]) ?? s[i];
    return out;
  }),
  fn('Right', 'str Right(str string, num NumChars)', 'The last NumChars characters; Null gives "", a negative count the whole string.', [nullTolerant, numChars], 'str', (a, site) => {
    const s = textOrEmpty(a, 0, site);
    const n = int(a, 1, site);
    if (n < 0 || n >= s.length) return s;
    return n === 0 ? '' : s.slice(s.length - n);
  }),
  fn('RTrim', 'str RTrim(str value)', 'Removes trailing white space.', [param('value', 'str')], 'str', (a, s) => trimWhiteSpace(str(a, 0, s), false, true)),
  fn('Trim', 'str Trim(str value)', 'Removes leading and trailing white space.', [param('value', 'str')], 'str', (a, s) => trimWhiteSpace(str(a, 0, s), true, true)),
  fn('UCase', 'str UCase(str string)', 'Converts text to upper case (invariant culture).', [string], 'str', (a, s) => upperCase(str(a, 0, s))),
  fn('Word', 'str Word(str string, num WordNumber, str delimiters)', 'The WordNumber-th word when splitting at any of the delimiter characters; "" when out of range.', [nullTolerant, param('WordNumber', 'num'), param('delimiters', 'str', { nullable: true })], 'str', word),
];
