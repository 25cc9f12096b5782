// Seeded fuzzing: random and mutated expressions over random objects may only fail with typed, positioned errors.
import { describe, expect, it } from 'vitest';
import { compile, createValueContext, ExpressionError, functions, validate, type DataValue, type Scalar } from './index.ts';
import { seededRandom as prng } from '../model/seeded-random.ts';


const ATTRS = ['a', 'b', 'mail', 'dn', 'list', 'n', 'bin', 'flag', 'ref'];
const WORDS = ['CaseInsensitive', 'vbTextCompare', 'UTF8', 'DC', 'SimpleName', 'Bogus', 'True', 'NULL', 'IgnoreThisFlow', 'AuthoritativeNull', 'CRLF', 'False'];
const OPS = ['&', '+', '-', '*', '/', '=', '<>', '<', '<=', '>', '>=', '&&', '||'];
const STRINGS = ['', ' ', 'x', 'a,b,c', '12', '-3', 'True', '2013-01-10 4:00 PM -8', '00001111-aaaa-2222-bbbb-3333cccc4444', 'cn=Joe,ou=US,dc=x', '\\\\0ACNF:', 'é😀', 'SGVsbG8=', '48656C6C6F', 'yyyy-MM-dd', 'm', 'a:b', '\\n'];
const NUMBERS = ['0', '1', '2', '3', '-1', '448', '&HFF', '&HFFFFFFFFFFFFFFFF', '9223372036854775807', '129699324000000000', '100000'];
const SEEDS = [
  'IIF(IsPresent([mail]), LCase(Trim([mail])), [a] & "@" & %Domain.FQDN%)',
  'Select($item,[list],Replace($item,"-",""))',
  'With($x, Where($i, [list], Left($i,1) = "a"), IIF(Count($x) > 0, $x, NULL))',
  'Switch([a] = "x", 1, [a] = "y", 2, True, Error("no"))',
  'CBool(InStr(DNComponent(CRef([dn]),1),"\\\\0ACNF:")>0)',
  'FormatDateTime(DateAdd("m", [n], CDate("2001-01-31")), "yyyyMMddHHmmss.0Z")',
];

describe('fuzz', () => {
  it('survives 12,000 random and mutated expressions with only typed errors', () => {
    const rnd = prng(20240601);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

    const gen = (depth: number): string => {
      const r = rnd();
      if (depth <= 0 || r < 0.3) {
        switch (Math.floor(rnd() * 7)) {
          case 0:
            return JSON.stringify(pick(STRINGS)).replace(/\\\\/g, '\\');
          case 1:
            return pick(NUMBERS);
          case 2:
            return `[${pick(ATTRS)}]`;
          case 3:
            return pick(['%Domain.FQDN%', '%Missing%']);
          case 4:
            return pick(['$item', '$x']);
          default:
            return pick(WORDS);
        }
      }
      if (r < 0.55) return `${gen(depth - 1)} ${pick(OPS)} ${gen(depth - 1)}`;
      if (r < 0.6) return `(${gen(depth - 1)})`;
      if (r < 0.63) return `-${gen(depth - 1)}`;
      const f = pick(functions);
      const min = f.params.filter((p) => !p.optional).length;
      const n = Math.max(0, min + Math.floor(rnd() * 3) - 1);
      const args = Array.from({ length: n }, (_, i) => (f.params[i]?.shape === 'variable' ? pick(['$item', '$x']) : gen(depth - 1)));
      return `${f.name}(${args.join(', ')})`;
    };

    const mutate = (text: string): string => {
      const chars = [...text];
      const edits = 1 + Math.floor(rnd() * 3);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(rnd() * (chars.length + 1));
        const what = rnd();
        const piece = pick(['(', ')', ',', '"', '[', ']', '%', '$', '&', '&H', '\\', '-', ' ', '\n', 'x', '1', '“', '//', 'IIF(']);
        if (what < 0.4) chars.splice(at, 0, piece);
        else if (what < 0.7) chars.splice(at, 1);
        else chars.splice(at, 1, piece);
      }
      return chars.join('');
    };

    const scalar = (): Scalar => {
      switch (Math.floor(rnd() * 6)) {
        case 0:
          return pick(STRINGS);
        case 1:
          return BigInt(pick(['0', '2', '-5', '514', '9223372036854775807', '-9223372036854775808']));
        case 2:
          return rnd() < 0.5;
        case 3:
          return new Uint8Array(Array.from({ length: Math.floor(rnd() * 20) }, () => Math.floor(rnd() * 256)));
        default:
          return { dn: pick(['CN=a,DC=x', 'cn=Joe\\, Jr,ou=US']) };
      }
    };
    const objectValues = (): Record<string, DataValue> => {
      const values: Record<string, DataValue> = {};
      for (const a of ATTRS) {
        const r = rnd();
        if (r < 0.25) continue;
        values[a] = r < 0.5 ? Array.from({ length: Math.floor(rnd() * 4) }, scalar) : scalar();
      }
      return values;
    };

    let evaluated = 0;
    let typedErrors = 0;
    const total = 12_000;
    for (let i = 0; i < total; i++) {
      const text = i % 3 === 0 ? mutate(pick(SEEDS)) : i % 3 === 1 ? mutate(gen(4)) : gen(4);
      const ctx = createValueContext({ values: objectValues(), parameters: rnd() < 0.8 ? { 'Domain.FQDN': 'contoso.com' } : {} });
      try {
        validate(text, { schema: { a: { type: 'string' }, n: { type: 'integer' } } });
        compile(text).evaluate(ctx);
        evaluated++;
      } catch (err) {
        if (!(err instanceof ExpressionError)) throw new Error(`plain exception for ${JSON.stringify(text)}: ${String(err)}`);
        expect(err.code, `${text}: ${err.message}`).not.toBe('internal');
        expect(err.position.line).toBeGreaterThanOrEqual(1);
        expect(err.position.column).toBeGreaterThanOrEqual(1);
        expect(err.position.offset).toBeLessThanOrEqual(text.length);
        typedErrors++;
      }
    }
    expect(evaluated + typedErrors).toBe(total);
    // Both outcomes must be exercised, or the generator has degenerated.
    expect(evaluated).toBeGreaterThan(500);
    expect(typedErrors).toBeGreaterThan(500);
  });
});
