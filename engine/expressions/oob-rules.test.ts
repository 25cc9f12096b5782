// Every expression in the product's out-of-box rules must parse, compile and validate (schema where it applies).
import { beforeAll, describe, expect, it } from 'vitest';
import type { AttributeType } from '../model/values.ts';
import { sampleData } from '../test-data/sample-data.ts';
import { compile, ExpressionCompileError, parse, validate, type SchemaAttribute } from './index.ts';

const data = sampleData('entra-connect-oob-rules.json', 'entra-connect-metaverse.json');

interface Flow {
  destination: string;
  flowType: string;
  expression?: string;
}
interface Rule {
  name: string;
  direction: 'Inbound' | 'Outbound';
  sourceObjectType: string;
  attributeFlows: Flow[];
}
interface Metaverse {
  objectTypes: { name: string; attributes: { name: string; type: string; multiValued: boolean }[] }[];
}

const MV_TYPES: Record<string, AttributeType> = { String: 'string', Number: 'integer', Boolean: 'boolean', Binary: 'binary', 'Reference (DN)': 'reference', Reference: 'reference' };
const UNDOCUMENTED = /\b(CBin|Thumbprint)\(/;

describe.skipIf(data.missing)('out-of-box rule expressions', () => {
  let schemas: Map<string, Map<string, SchemaAttribute>>;
  let flows: { rule: Rule; flow: Flow; expr: string }[];
  beforeAll(() => {
    const rules = data.json<{ rules: Rule[] }>('entra-connect-oob-rules.json').rules;
    const mv = data.json<Metaverse>('entra-connect-metaverse.json');
    schemas = new Map(
      mv.objectTypes.map((t) => [t.name, new Map<string, SchemaAttribute>(t.attributes.map((a) => [a.name, { type: MV_TYPES[a.type] ?? 'string', multiValued: a.multiValued }]))]),
    );
    flows = rules.flatMap((r) => r.attributeFlows.filter((f) => f.flowType === 'Expression').map((f) => ({ rule: r, flow: f, expr: f.expression! })));
  });

  it('has the expression flows', () => expect(flows.length).toBe(391));

  it('parses every expression', () => {
    for (const { expr } of flows) expect(() => parse(expr), expr).not.toThrow();
  });

  it('validates inbound expressions (no schema) and outbound ones against the metaverse object type', () => {
    let withSchema = 0;
    for (const { rule, expr } of flows) {
      const schema = rule.direction === 'Outbound' ? schemas.get(rule.sourceObjectType) : undefined;
      if (schema) withSchema++;
      const errors = validate(expr, { schema }).filter((d) => d.severity === 'error');
      if (UNDOCUMENTED.test(expr)) expect(new Set(errors.map((e) => e.code)), expr).toEqual(new Set(['unsupported-function']));
      else expect(errors, `${rule.name}: ${expr}`).toEqual([]);
    }
    expect(withSchema).toBe(24);
  });

  it('compiles every expression except those using undocumented functions, which fail with a clear code', () => {
    for (const { expr } of flows) {
      if (!UNDOCUMENTED.test(expr)) {
        expect(() => compile(expr), expr).not.toThrow();
        continue;
      }
      try {
        compile(expr);
        expect.fail('compiled an undocumented function');
      } catch (err) {
        expect(err).toBeInstanceOf(ExpressionCompileError);
        expect((err as ExpressionCompileError).code).toBe('unsupported-function');
      }
    }
  });

  it('catches a misspelt attribute against the schema', () => {
    const d = validate('IIF([cloudSOAExchMailbox] = True,[cloudmsexchsafesendershash],IgnoreThisFlow)', { schema: schemas.get('person') });
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ code: 'unknown-attribute', line: 1, column: 34 });
    expect(d[0].message).toContain('cloudMSExchSafeSendersHash');
  });
});
