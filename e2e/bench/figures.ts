// Checks the figures a suite returned before they reach a report.
import { figureSchema } from './result.ts';
import type { BenchFigure } from './suite.ts';

/** Validates what `run()` returned, naming the figure and field at fault. */
export function validateFigures(figures: unknown): BenchFigure[] {
  if (!Array.isArray(figures)) throw new Error(`run() returned ${typeof figures}, not an array of figures`);
  return figures.map((f: unknown, i) => {
    const parsed = figureSchema.safeParse(f);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const name = (f as { name?: unknown } | null)?.name;
      const label = typeof name === 'string' ? `"${name}"` : `#${i}`;
      throw new Error(`figure ${label}: ${issue?.path.join('.') || 'value'}: ${issue?.message ?? 'invalid'}`);
    }
    return parsed.data;
  });
}

/** The message of anything thrown. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
