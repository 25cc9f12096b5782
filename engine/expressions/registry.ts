// The function registry: every function of the language, listable for docs and tooling.
import type { FunctionDef } from './function-def.ts';
import { certificateFunctions } from './functions/certificate.ts';
import { conversionFunctions } from './functions/conversion.ts';
import { dateTimeFunctions } from './functions/date-time.ts';
import { directoryFunctions } from './functions/directory.ts';
import { evaluationFunctions } from './functions/evaluation.ts';
import { mathFunctions } from './functions/math.ts';
import { multiValuedFunctions } from './functions/multi-valued.ts';
import { programFlowFunctions } from './functions/program-flow.ts';
import { sourceObjectFunctions } from './functions/source-object.ts';
import { textFunctions } from './functions/text.ts';

/** Every function, grouped by category in documentation order. */
export const functions: readonly FunctionDef[] = [
  ...certificateFunctions,
  ...conversionFunctions,
  ...dateTimeFunctions,
  ...directoryFunctions,
  ...evaluationFunctions,
  ...mathFunctions,
  ...multiValuedFunctions,
  ...programFlowFunctions,
  ...textFunctions,
  ...sourceObjectFunctions,
];

const byName = new Map(functions.map((f) => [f.name, f]));

/**
 * Functions the product ships in its own rules but never documented (spec §7.10). Rules that use them
 * can be loaded but not saved or run.
 */
export const unsupportedFunctions: ReadonlySet<string> = new Set(['CBin', 'Thumbprint']);

/** The function with exactly this (case-sensitive) name. */
export function lookupFunction(name: string): FunctionDef | undefined {
  return byName.get(name);
}

/** The canonical spelling of a function whose name differs only in case, for "did you mean" hints. */
export function suggestFunction(name: string): string | undefined {
  const lower = name.toLowerCase();
  return functions.find((f) => f.name.toLowerCase() === lower)?.name;
}
