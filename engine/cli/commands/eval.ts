// `idsync eval`: evaluates an expression (or a batch file of them) and prints the result as JSON.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { CliError } from '../output.ts';
import { compile, decodeVectorAttributes, encodeResult, ExpressionError, stringifyResult } from '../../expressions/index.ts';
import { JsonInputError, parseJsonInput } from '../../config/json-input.ts';

const batchSchema = z.array(z.object({ id: z.union([z.string(), z.number(), z.bigint()]), expr: z.string(), attrs: z.unknown().optional() }));
type BatchItem = z.infer<typeof batchSchema>[number];

/** Evaluates one expression over attributes in the vector encoding; returns the encoded result. */
function evaluate(expr: string, attrs: unknown): unknown {
  const ctx = decodeVectorAttributes(attrs ?? {});
  return encodeResult(compile(expr).evaluate(ctx));
}

function describeError(err: unknown): string {
  if (err instanceof ExpressionError) return err.message;
  if (err instanceof z.ZodError) return `invalid attributes: ${err.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`;
  return err instanceof Error ? err.message : String(err);
}

/** Parses JSON text; 64-bit integers (FILETIMEs, USNs) stay exact. */
function parseJson(text: string, what: string): unknown {
  try {
    return parseJsonInput(text);
  } catch (err) {
    throw new CliError(`${what} is ${err instanceof JsonInputError ? err.message : `not valid JSON: ${(err as Error).message}`}`);
  }
}

/**
 * Writes the results of a batch as one JSON array, one result at a time: the whole output may be larger than
 * the longest string the JavaScript engine can hold.
 */
export function writeBatchResults(items: readonly BatchItem[], write: (chunk: string) => void): void {
  write('[');
  items.forEach((item, i) => {
    let entry: unknown;
    try {
      entry = { id: item.id, result: evaluate(item.expr, item.attrs) };
    } catch (err) {
      entry = { id: item.id, error: describeError(err) };
    }
    write(`${i ? ',' : ''}${stringifyResult(entry)}`);
  });
  write(']\n');
}

/** Registers `idsync eval`. */
export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('evaluate a sync-rule expression and print the result as one JSON line')
    .argument('[expression]', 'the expression text')
    .option('--attrs <json>', 'source object as JSON: {"attr": "value", "multi": ["a","b"], "%Domain.FQDN%": "contoso.com"}')
    .option('--batch <file>', 'evaluate a JSON array of {"id","expr","attrs"} and print one JSON array of {"id","result"|"error"}')
    .action((expression: string | undefined, opts: { attrs?: string; batch?: string }) => {
      if (opts.batch !== undefined) {
        if (expression !== undefined) throw new CliError('give either an expression or --batch, not both');
        let text: string;
        try {
          text = readFileSync(opts.batch, 'utf8');
        } catch (err) {
          throw new CliError(`cannot read batch file ${opts.batch}: ${(err as Error).message}`);
        }
        const parsed = batchSchema.safeParse(parseJson(text, `batch file ${opts.batch}`));
        if (!parsed.success) throw new CliError(`batch file ${opts.batch}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
        writeBatchResults(parsed.data, (chunk) => process.stdout.write(chunk));
        return;
      }
      if (expression === undefined) throw new CliError('an expression (or --batch FILE) is required');
      const attrs = opts.attrs === undefined ? {} : parseJson(opts.attrs, '--attrs');
      let result: unknown;
      try {
        result = evaluate(expression, attrs);
      } catch (err) {
        throw new CliError(describeError(err));
      }
      process.stdout.write(`${stringifyResult(result)}\n`);
    });
}
