// Expression evaluation throughput: one compiled flow evaluated over many varied source objects.
import type { Attributes } from '../../../engine/model/values.ts';
import { compile, createContext, type EvaluationContext } from '../../../engine/expressions/index.ts';
import type { BenchContext, BenchFigure, BenchSuite } from '../suite.ts';

/** The flow measured: a typical inbound mail/UPN fallback. */
export const BENCH_EXPRESSION = 'IIF(IsPresent([mail]), LCase(Trim([mail])), [userPrincipalName] & "@" & %Domain.FQDN%)';
const GOAL = 1_000_000;

/** Source objects with and without mail, with padding and mixed case, as stored attribute values. */
function objects(count: number): EvaluationContext[] {
  const parameters = { 'Domain.FQDN': 'contoso.com' };
  const out: EvaluationContext[] = [];
  for (let i = 0; i < count; i++) {
    const attributes: Attributes = { userPrincipalName: [`user${i}`], sAMAccountName: [`u${i}`] };
    switch (i % 4) {
      case 0:
        attributes.mail = [`User${i}@Contoso.com`];
        break;
      case 1:
        attributes.mail = [`  user${i}@contoso.com `];
        break;
      case 2:
        attributes.mail = [''];
        break;
      default:
        break;
    }
    out.push(createContext({ attributes, parameters }));
  }
  return out;
}

/** Runs the flow over the objects for about `ms` milliseconds; returns evaluations per second. */
export function measureThroughput(ms: number, objectCount = 1000, progress?: (done: number, total: number) => void): number {
  const compiled = compile(BENCH_EXPRESSION);
  const contexts = objects(objectCount);
  for (let i = 0; i < 20_000; i++) compiled.evaluate(contexts[i % contexts.length]); // warm up the JIT
  let evaluations = 0;
  let sink = 0;
  const start = performance.now();
  let elapsed = 0;
  let reported = 0;
  while (elapsed < ms) {
    for (const ctx of contexts) {
      const v = compiled.evaluate(ctx);
      if (typeof v === 'string') sink += v.length;
    }
    evaluations += contexts.length;
    elapsed = performance.now() - start;
    // Reporting is costly next to an evaluation: at most every 100 ms, outside the timed loop's inner part.
    if (progress && (elapsed - reported >= 100 || elapsed >= ms)) {
      reported = elapsed;
      progress(Math.min(elapsed, ms), ms);
    }
  }
  if (sink === 0) throw new Error('benchmark produced no results');
  return (evaluations / elapsed) * 1000;
}

/** The expressions benchmark suite. */
export const expressionsSuite: BenchSuite = {
  name: 'expressions',
  description: 'Compiled expression evaluations per second on one core (IIF/IsPresent/LCase/Trim/& over varied users)',
  async run(ctx: BenchContext): Promise<readonly BenchFigure[]> {
    const perSecond = measureThroughput(2000, Math.min(ctx.count, 10_000), (d, t) => ctx.progress('evaluating', d, t));
    ctx.log(`${Math.round(perSecond).toLocaleString('en-US')} evaluations/s`);
    return [
      {
        name: 'expression evaluations',
        value: Math.round(perSecond),
        unit: 'evaluations/s',
        goal: `≥ ${GOAL.toLocaleString('en-US')} evaluations/s`,
        goalMet: perSecond >= GOAL,
      },
    ];
  },
};

export default expressionsSuite;
