// Edge cases per function category (spec §4, §6, §7) beyond the specification's vectors.
import { describe, expect, it } from 'vitest';
import { compile, createValueContext, DateTime, ExpressionCompileError } from './index.ts';
import { errorOf, ev } from './test-support.ts';

describe('operators and null semantics', () => {
  it('concatenates with CStr rules and treats one Null as ""', () => {
    expect(ev('"n=" & 5 & True & [r]', { r: { ref: 'CN=x' } })).toBe('n=5TrueCN=x');
    expect(ev('[missing] & "x"')).toBe('x');
    expect(errorOf('"x" & CGuid("00001111-aaaa-2222-bbbb-3333cccc4444")')?.code).toBe('type');
    expect(errorOf('"x" & Now()')?.code).toBe('type');
  });

  it('does Int64 arithmetic with overflow and truncating division', () => {
    expect(ev('-7/2')).toBe(-3n);
    expect(ev('[missing] + 1')).toEqual({ null: true });
    expect(errorOf('&H7FFFFFFFFFFFFFFF + 1')?.code).toBe('range');
    expect(errorOf('-&H8000000000000000')?.code).toBe('range');
  });

  it('compares by type and rejects mixed types', () => {
    expect(ev('CRef("CN=a") = "CN=a"')).toBe(true);
    expect(ev('"a" < "b"')).toBe(true);
    expect(ev('"B" = "b"')).toBe(false);
    expect(errorOf('1 = "1"')?.code).toBe('type');
    expect(errorOf('True < False')?.code).toBe('type');
    expect(ev('[missing] = 1')).toEqual({ null: true });
  });

  it('short-circuits && and ||, counting Null as False', () => {
    expect(ev('False && 1/0 = 1')).toBe(false);
    expect(ev('True || Error("no")')).toBe(true);
    expect(ev('[missing] = 1 || True')).toBe(true);
  });

  it('refuses flow sentinels as operands or arguments', () => {
    expect(errorOf('IgnoreThisFlow & "x"')?.code).toBe('special-value');
    expect(errorOf('Trim(IIF(True, AuthoritativeNull, "x"))')?.code).toBe('special-value');
    expect(errorOf('IsNull(IgnoreThisFlow)')?.code).toBe('special-value');
    expect(ev('Switch(False, "a", True, AuthoritativeNull)')).toEqual({ special: 'AuthoritativeNull' });
  });

  it('reports undefined parameters and unknown names at their position', () => {
    const e = errorOf('"x" & %Nope%');
    expect(e?.code).toBe('undefined-parameter');
    expect(e?.column).toBe(7);
    expect(() => compile('Trim(Foo)')).toThrow(ExpressionCompileError);
    expect(() => compile('$x')).toThrow(/not bound/);
  });
});

describe('multi-valued lifting', () => {
  it('zips several lists of equal length and rejects unequal ones', () => {
    expect(ev('[a] & "-" & [b]', { a: ['1', '2'], b: ['x', 'y'] })).toEqual(['1-x', '2-y']);
    expect(errorOf('[a] & [b]', { a: ['1', '2'], b: ['x'] })?.code).toBe('range');
  });

  it('drops Null results and rejects nested lists', () => {
    expect(ev('IIF([a] = "x", NULL, [a])', { a: ['x', 'y'] })).toEqual(['y']);
    expect(ev('IIF([a] = "x", NULL, NULL)', { a: ['x'] })).toEqual([]);
    expect(errorOf('Split([a], ",")', { a: ['a,b', 'c'] })?.message).toContain('nested');
    expect(errorOf('IIF([a] = "x", [b], "z")', { a: ['x', 'y'], b: ['1', '2', '3'] })?.code).toBe('range');
    expect(errorOf('IIF([a] = "x", IgnoreThisFlow, "z")', { a: ['x', 'y'] })?.code).toBe('special-value');
  });

  it('lifts logical operators per element', () => {
    expect(ev('[a] = "x" || [a] = "y"', { a: ['x', 'y', 'z'] })).toEqual([true, true, false]);
  });
});

describe('conversion', () => {
  it('CBool reads text and numbers, rejects other text', () => {
    expect(ev('CBool("true")')).toBe(true);
    expect(ev('CBool(" 0 ")')).toBe(false);
    expect(errorOf('CBool("yes")')?.code).toBe('type');
  });
  it('CDate accepts the documented forms and offsets', () => {
    expect(ev('CDate("12/25/2007 3:04 PM")')).toBe('2007-12-25T15:04:00Z');
    expect(ev('CDate("2020-06-01T10:00:00+05:30")')).toBe('2020-06-01T04:30:00Z');
    expect(ev('CDate("2020-06-01T10:00:00.25Z")')).toBe('2020-06-01T10:00:00.25Z');
    expect(errorOf('CDate("2021-02-30")')?.code).toBe('type');
  });
  it('CNum, CStr, CRef edge cases', () => {
    expect(ev('CNum(" +12 ")')).toBe(12n);
    expect(errorOf('CNum("1.5")')).toBeDefined();
    expect(errorOf('CNum("99999999999999999999")')).toBeDefined();
    expect(ev('CStr(DateFromNum(0))')).toBe('1601-01-01T00:00:00Z');
    expect(errorOf('CStr(CGuid("00001111-aaaa-2222-bbbb-3333cccc4444"))')?.code).toBe('type');
    expect(errorOf('CRef("")')).toBeDefined();
    expect(ev('CStr([missing])')).toEqual({ null: true });
  });
  it('Base64 and UTF-8 hex reject malformed input', () => {
    expect(errorOf('ConvertFromBase64("abc")')).toBeDefined();
    expect(errorOf('ConvertFromBase64("gA==", ASCII)')).toBeDefined();
    expect(errorOf('ConvertFromBase64("SGVsbG8=", "latin1")')).toBeDefined();
    expect(ev('ConvertFromBase64("SGVsbG8=", "utf8")')).toBe('Hello');
    expect(errorOf('ConvertFromUTF8Hex("ABC")')).toBeDefined();
    expect(errorOf('ConvertFromUTF8Hex("C328")')).toBeDefined();
  });
  it('StringFromSid rejects malformed identifiers and prints large authorities in hex', () => {
    expect(errorOf('StringFromSid([s])', { s: { base64: 'AQIAAAAAAAUS' } })).toBeDefined();
    expect(ev('StringFromSid([s])', { s: { base64: Buffer.from([1, 0, 1, 0, 0, 0, 0, 0]).toString('base64') } })).toBe('S-1-0x010000000000');
  });
});

describe('date and time', () => {
  it('DateAdd clamps month ends and validates the interval', () => {
    expect(ev('DateAdd("m", 1, CDate("2001-01-31"))')).toBe('2001-02-28T00:00:00Z');
    expect(ev('DateAdd("q", 1, CDate("2004-11-30"))')).toBe('2005-02-28T00:00:00Z');
    expect(ev('DateAdd("ww", 2, CDate("2001-01-01"))')).toBe('2001-01-15T00:00:00Z');
    expect(errorOf('DateAdd("D", 1, CDate("2001-01-01"))')).toBeDefined();
    expect(errorOf('DateAdd("yyyy", 9000, CDate("2001-01-01"))')?.code).toBe('range');
  });
  it('FormatDateTime follows .NET custom and standard formats', () => {
    const d = 'CDate("2009-06-05T13:04:09.1230000Z")';
    expect(ev(`FormatDateTime(${d}, "dddd d MMM yy h:mm tt")`)).toBe('Friday 5 Jun 09 1:04 PM');
    expect(ev(`FormatDateTime(${d}, "HH:mm:ss.fff 'at' K")`)).toBe('13:04:09.123 at Z');
    expect(ev(`FormatDateTime(CDate("2009-06-05"), "ss.FFF")`)).toBe('00');
    expect(ev(`FormatDateTime(${d}, "s")`)).toBe('2009-06-05T13:04:09');
    expect(errorOf(`FormatDateTime(${d}, "ffffffff")`)).toBeDefined();
    expect(errorOf(`FormatDateTime(${d}, "q")`)).toBeDefined();
  });
  it('DateFromNum and NumFromDate guard the range', () => {
    expect(errorOf('DateFromNum(-1)')?.code).toBe('range');
    expect(errorOf('DateFromNum(9223372036854775807)')?.code).toBe('range');
    expect(errorOf('NumFromDate(CDate("1600-12-31"))')?.code).toBe('range');
  });
  it('Now reads the context clock', () => {
    const ctx = createValueContext({ values: {}, now: () => new DateTime(0n) });
    expect(compile('NumFromDate(Now())').evaluate({ ...ctx, now: () => DateTime.fromEpochMs(Date.UTC(2012, 0, 1, 23)) })).toBe(129699324000000000n);
  });
});

describe('directory', () => {
  const dn = { dn: 'cn=Joe,ou=Atlanta,ou=GA,ou=US, dc=contoso,dc=com' };
  it('counts components from either end and skips dc on request', () => {
    expect(ev('DNComponentRev([dn], 0)', dn)).toEqual({ null: true });
    expect(ev('DNComponentRev(CRef([dn]), 4, dc)', dn)).toBe('Joe');
    expect(ev('DNComponent([dn], 1)', { dn: 'CN=a+UID=b,DC=x' })).toBe('a+UID=b');
  });
  it('escapes RDN values and rejects text without a type', () => {
    expect(ev('EscapeDNComponent("CN=a<b> ")')).toBe('CN=a\\<b\\>\\ ');
    expect(ev('EscapeDNComponent(" cn = x#1")')).toBe('cn= x\\#1');
    expect(errorOf('EscapeDNComponent("no equals")')).toBeDefined();
    expect(errorOf('EscapeDNComponent("c n=x")')).toBeDefined();
  });
});

describe('evaluation predicates', () => {
  it('handle lists, Null and types', () => {
    expect(ev('IsEmpty([b])', { b: { base64: '' } })).toBe(true);
    expect(ev('IsPresent([b])', { b: { base64: '' } })).toBe(false);
    expect(ev('IsNumeric("-12")')).toBe(true);
    expect(ev('IsNumeric([m])', { m: ['1', 'x'] })).toBe(false);
    expect(ev('IsDate("12/25/2007")')).toBe(true);
    expect(ev('IsString([r])', { r: { ref: 'CN=x' } })).toBe(false);
    expect(ev('IsNull("")')).toBe(false);
    expect(ev('IsGuid([missing])')).toBe(false);
    expect(ev('IsBitSet([missing], 2)')).toEqual({ null: true });
  });
});

describe('math', () => {
  it('works on the full 64-bit range', () => {
    expect(ev('BitAnd(-1, &HFF)')).toBe(255n);
    expect(ev('BitOr(&H8000000000000000, 1)')).toBe(-9223372036854775807n);
  });
  it('RandomNum stays inside inclusive bounds and rejects reversed bounds', () => {
    for (let i = 0; i < 50; i++) {
      const v = ev('RandomNum(-2, 2)') as bigint;
      expect(v >= -2n && v <= 2n).toBe(true);
    }
    const wide = ev('RandomNum(-9223372036854775807, 9223372036854775807)') as bigint;
    expect(typeof wide).toBe('bigint');
    expect(errorOf('RandomNum(2, 1)')?.code).toBe('range');
  });
});

describe('multi-valued functions', () => {
  it('Contains, Count, Item and ItemOrNull on scalars, Null and lists', () => {
    expect(ev('Contains([a], "x")', { a: 'axb' })).toBe(1n);
    expect(ev('Contains([m], "CN=B", CaseInsensitive)', { m: [{ ref: 'cn=a' }, { ref: 'cn=b' }] })).toBe(2n);
    expect(errorOf('Contains([a], [missing])', { a: ['x'] })).toBeDefined();
    expect(ev('Count(Split("", ","))')).toBe(1n);
    expect(ev('Count([missing])')).toBe(0n);
    expect(ev('Item([a], 1)', { a: 'only' })).toBe('only');
    expect(ev('ItemOrNull([a], -1)', { a: ['x'] })).toEqual({ null: true });
  });
  it('Join, RemoveDuplicates and Split edge cases', () => {
    expect(ev('Join([a], [missing])', { a: ['x', 'y'] })).toBe('xy');
    expect(errorOf('Join([n])', { n: [1, 2] })?.code).toBe('type');
    expect(ev('RemoveDuplicates([a])', { a: ['A', 'a', 'A'] })).toEqual(['A', 'a']);
    expect(ev('RemoveDuplicates([missing])')).toEqual({ null: true });
    expect(errorOf('Split("a,b", ",,")')).toBeDefined();
    expect(errorOf('Split("a,b", ",", 0)')?.code).toBe('range');
    expect(ev('Split("a,b,c", ",", 1)')).toEqual(['a,b,c']);
  });
});

describe('program flow', () => {
  it('Where/Select/With bind variables lexically and shadow', () => {
    expect(ev('Select($x, [a], With($x, UCase($x), $x & "!"))', { a: ['p', 'q'] })).toEqual(['P!', 'Q!']);
    expect(ev('Where($x, "solo", $x = "solo")')).toEqual(['solo']);
    expect(ev('Select($x, [a], IIF($x = "b", NULL, $x))', { a: ['a', 'b'] })).toEqual(['a']);
    expect(errorOf('Select($x, [a], Split($x, ";"))', { a: ['a;b'] })).toBeDefined();
  });
  it('IIF conditions accept numbers and Boolean text; Switch checks pairs at compile time', () => {
    expect(ev('IIF(2, "y", "n")')).toBe('y');
    expect(ev('IIF("False", "y", "n")')).toBe('n');
    expect(errorOf('IIF(CGuid("00001111-aaaa-2222-bbbb-3333cccc4444"), 1, 2)')?.code).toBe('type');
    expect(() => compile('Switch(True, 1, False)')).toThrow(/even number/);
  });
  it('Error converts its message with CStr rules', () => {
    expect(errorOf('Error(42)')?.detail).toBe('42');
    expect(errorOf('Error("x")')?.code).toBe('user-error');
  });
});

describe('text', () => {
  it('Mid, Left and Right bounds', () => {
    expect(ev('Mid("John Doe", 3, -1)')).toBe('John Doe');
    expect(ev('Mid([missing], 1, 2)')).toBe('');
    expect(ev('Right("John", 0)')).toBe('');
  });
  it('InStr and InStrRev argument rules', () => {
    expect(errorOf('InStr("abc", "a", 0)')?.code).toBe('range');
    expect(errorOf('InStr("abc", [missing])')).toBeDefined();
    expect(ev('InStr([missing], "a")')).toEqual({ null: true });
    expect(ev('InStrRev("abcabc", "abc", -1)')).toBe(4n);
    expect(ev('InStrRev("abcabc", "abc", 99)')).toBe(4n);
    expect(errorOf('InStrRev("abc", "a", 0)')?.code).toBe('range');
    expect(errorOf('InStr("abc", "a", 1, vbSomething)')).toBeInstanceOf(ExpressionCompileError);
  });
  it('PadLeft/PadRight need one pad character', () => {
    expect(errorOf('PadLeft("a", 3, "ab")')).toBeDefined();
    expect(errorOf('PadRight("a", 3, [missing])')).toBeDefined();
  });
  it('PCase, case mapping and white space follow .NET', () => {
    expect(ev('PCase("hello wORLD 2nd-place o\'NEIL")')).toBe("Hello World 2Nd-Place O'neil");
    expect(ev('UCase("straße")')).toBe('STRAßE');
    expect(ev('Trim("\u00a0x\u0085")')).toBe('x');
    expect(ev('Trim("\ufeffx")')).toBe('\ufeffx');
  });
  it('Replace, ReplaceChars and Word rules', () => {
    expect(errorOf('Replace("abc", "", "x")')).toBeDefined();
    expect(ev('Replace("a-b", "-", [missing])')).toBe('ab');
    expect(ev('Replace("a\tb", "\\t", "\\n")')).toBe('a\nb');
    expect(ev('ReplaceChars("aab", "a:b, a:c")')).toBe('ccb');
    expect(ev('ReplaceChars("ab", "a:bb,b:x")')).toBe('bbx');
    expect(errorOf('ReplaceChars("ab", "ab:c")')).toBeDefined();
    expect(errorOf('ReplaceChars("ab", "a")')).toBeDefined();
    expect(ev('Word("a b", 1, "")')).toBe('a b');
    expect(ev('Word("abc", 1, ";")')).toBe('abc');
  });
  it('Guid is fresh lower-case text', () => {
    const a = ev('Guid()');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(ev('Guid()')).not.toBe(a);
  });
});

describe('source object', () => {
  it('ImportedValue reads the imported view and ValueCount counts values', () => {
    const ctx = createValueContext({ values: { p: ['new'], m: ['a', 'b', 'c'] }, imported: { p: ['old'] } });
    expect(compile('ImportedValue("p")').evaluate(ctx)).toEqual(['old']);
    expect(compile('ValueCount("m")').evaluate(ctx)).toBe(3n);
    expect(compile('ValueCount("none")').evaluate(ctx)).toBe(0n);
  });
});
