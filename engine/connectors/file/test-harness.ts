// Helpers for this folder's tests: a scratch directory, a context, and draining an import into one result.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connector, ConnectorContext, ImportChange, ImportIterator, ImportProblem } from '../contract.ts';
import { fileConnectorType, type FileConfigInput } from './index.ts';

/** Everything an import produced. */
export interface Drained {
  readonly changes: ImportChange[];
  readonly problems: ImportProblem[];
  readonly batches: number;
  readonly watermark: string | null;
}

/** A context that records log lines. */
export function testContext(): ConnectorContext & { lines: string[] } {
  const lines: string[] = [];
  return { signal: new AbortController().signal, lines, log: (level, message) => lines.push(`${level}: ${message}`) };
}

/** Runs an import iterator to its end. */
export async function drain(it: ImportIterator): Promise<Drained> {
  const changes: ImportChange[] = [];
  const problems: ImportProblem[] = [];
  let batches = 0;
  for (;;) {
    const r = await it.next();
    if (r.done) return { changes, problems, batches, watermark: r.value };
    batches++;
    changes.push(...r.value.changes);
    problems.push(...(r.value.problems ?? []));
  }
}

/** Creates a scratch directory; call the returned function to remove it. */
export async function scratch(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'idsync-file-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Creates a connector from a config input (validated like the engine does). */
export function connectorFor(config: FileConfigInput): Connector {
  return fileConnectorType.create(fileConnectorType.configSchema.parse(config));
}
