import { describe, expect, it } from 'vitest';
import { ExpressionSyntaxError, parse } from './index.ts';
import { MAX_DEPTH } from './parser.ts';
import { ev } from './test-support.ts';

function syntaxError(text: string): ExpressionSyntaxError {
  try {
    parse(text);
  } catch (err) {
    if (err instanceof ExpressionSyntaxError) return err;
    throw err;
  }
  throw new Error(`parsed: ${text}`);
}

describe('parser', () => {
  it('keeps arithmetic at one priority, comparisons looser, logic loosest', () => {
    expect(ev('2+3*4')).toBe(20n);
    expect(ev('1+1=2 && 2*2=4')).toBe(true);
    expect(ev('"a" & "b" = "ab"')).toBe(true);
    expect(ev('False && True || True')).toBe(true); // (False && True) || True
    expect(ev('True || False && False')).toBe(false); // (True || False) && False
  });

  it('reads numbers: decimal, hex either case, 64-bit limits', () => {
    expect(ev('&h10')).toBe(16n);
    expect(ev('&H7FFFFFFFFFFFFFFF')).toBe(9223372036854775807n);
    expect(ev('9223372036854775807')).toBe(9223372036854775807n);
    expect(syntaxError('9223372036854775808').message).toContain('64-bit');
    expect(syntaxError('&H1FFFFFFFFFFFFFFFF').message).toContain('16 digits');
  });

  it('decodes only the two string escapes', () => {
    expect(ev('"a\\\\b"')).toBe('a\\b');
    expect(ev('"say \\"hi\\""')).toBe('say "hi"');
    expect(ev('"\\n\\t"')).toBe('\\n\\t');
    expect(syntaxError('"a\\"').message).toContain('unterminated');
    expect(syntaxError('"a""b"').column).toBe(4);
  });

  it('reports line, column and what was expected', () => {
    const e = syntaxError('IIF(True,\n  "a",\n  )');
    expect(e).toBeInstanceOf(ExpressionSyntaxError);
    expect(e.code).toBe('syntax');
    expect(e.position).toMatchObject({ line: 3, column: 3 });
    expect(e.expected.length).toBeGreaterThan(0);
    expect(syntaxError('Left("a",,1)').message).toContain('missing argument');
    expect(syntaxError('').message).toContain('empty expression');
    expect(syntaxError('1 2').expected).toContain('end of expression');
    expect(syntaxError('[unterminated').message).toContain('unterminated attribute');
    expect(syntaxError('--5').column).toBe(2);
    expect(syntaxError('a # b').message).toContain("'#'");
  });

  it('parses references, variables, constants and bare enum words', () => {
    const ast = parse('Contains([proxyAddresses], %p%, CaseInsensitive) & $x & CRLF');
    expect(JSON.stringify(ast, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).toContain('"kind":"identifier","name":"CaseInsensitive"');
    expect(parse('[mS-DS-ConsistencyGuid]')).toMatchObject({ kind: 'attribute', name: 'mS-DS-ConsistencyGuid' });
  });

  it('refuses trees deeper than the limit instead of overflowing the stack', () => {
    expect(syntaxError('('.repeat(MAX_DEPTH + 5) + '1' + ')'.repeat(MAX_DEPTH + 5)).message).toContain('nests deeper');
    expect(syntaxError(Array.from({ length: MAX_DEPTH + 5 }, () => '1').join('+')).message).toContain('nests deeper');
    expect(ev(Array.from({ length: 100 }, () => '1').join('+'))).toBe(100n);
  });
});
