// Math functions (spec §7.6): BitAnd, BitOr, RandomNum.
import { randomInt } from 'node:crypto';
import { fail, num } from '../arguments.ts';
import { param, type FunctionDef } from '../function-def.ts';

/** A uniform random bigint in [start, end]. */
function randomBetween(start: bigint, end: bigint): bigint {
  const span = end - start + 1n;
  if (span <= 281_474_976_710_655n) return start + BigInt(randomInt(Number(span)));
  // Wide ranges: combine random 48-bit blocks, then reject the biased tail.
  const limit = (1n << 128n) - ((1n << 128n) % span);
  for (;;) {
    let r = 0n;
    for (let i = 0; i < 3; i++) r = (r << 48n) | BigInt(randomInt(281_474_976_710_655));
    r &= (1n << 128n) - 1n;
    if (r < limit) return start + (r % span);
  }
}

/** The Math functions. */
export const mathFunctions: readonly FunctionDef[] = [
  {
    name: 'BitAnd',
    category: 'Math',
    signatures: ['num BitAnd(num value1, num value2)'],
    doc: 'Bitwise AND of two 64-bit integers.',
    params: [param('value1', 'num'), param('value2', 'num')],
    returns: 'num',
    impl: (a, site) => num(a, 0, site) & num(a, 1, site),
  },
  {
    name: 'BitOr',
    category: 'Math',
    signatures: ['num BitOr(num value1, num value2)'],
    doc: 'Bitwise OR of two 64-bit integers.',
    params: [param('value1', 'num'), param('value2', 'num')],
    returns: 'num',
    impl: (a, site) => num(a, 0, site) | num(a, 1, site),
  },
  {
    name: 'RandomNum',
    category: 'Math',
    signatures: ['num RandomNum(num start, num end)'],
    doc: 'A random integer between start and end, both inclusive.',
    params: [param('start', 'num'), param('end', 'num')],
    returns: 'num',
    impl: (a, site) => {
      const start = num(a, 0, site);
      const end = num(a, 1, site);
      if (start > end) fail(site, `start ${start} is greater than end ${end}`, 'range');
      return randomBetween(start, end);
    },
  },
];
