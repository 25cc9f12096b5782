// What an import compares with the last snapshot: objects read from the file and located problems.
import type { ImportedObject, ImportProblem } from '../contract.ts';

/** An object read from the file, or a problem; `blocksDeletes` when the problem cannot be tied to one object. */
export type SourceItem =
  | { readonly kind: 'object'; readonly object: ImportedObject; readonly line: number }
  | { readonly kind: 'problem'; readonly problem: ImportProblem; readonly blocksDeletes: boolean };
