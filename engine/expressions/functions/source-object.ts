// Functions that read the source object by attribute name (spec §7.10): ImportedValue, ValueCount.
import { str } from '../arguments.ts';
import { param, type FunctionDef } from '../function-def.ts';

/** The source-object functions. */
export const sourceObjectFunctions: readonly FunctionDef[] = [
  {
    name: 'ImportedValue',
    category: 'Source object',
    signatures: ['var ImportedValue(str attributeName)'],
    doc: 'The attribute as last confirmed by an import from the connected directory (name given as a string).',
    params: [param('attributeName', 'str')],
    returns: 'any',
    impl: (a, site, ctx) => {
      const name = str(a, 0, site);
      return (ctx.importedValue ? ctx.importedValue(name) : ctx.attribute(name)) ?? null;
    },
  },
  {
    name: 'ValueCount',
    category: 'Source object',
    signatures: ['num ValueCount(str attributeName)'],
    doc: 'The number of values of the named attribute (0 when absent).',
    params: [param('attributeName', 'str')],
    returns: 'num',
    impl: (a, site, ctx) => {
      const name = str(a, 0, site);
      if (ctx.valueCount) return BigInt(ctx.valueCount(name));
      const v = ctx.attribute(name);
      return BigInt(v === null || v === undefined ? 0 : Array.isArray(v) ? v.length : 1);
    },
  },
];
