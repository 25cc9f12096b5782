// Test-only helpers: a connector configuration pointing at the emulator, a context, and import collection.
import type { ConnectorContext, ImportBatch, ImportChange, ImportIterator } from '../contract.ts';
import { entraConfigSchema, type EntraConfig, type EntraConfigInput } from './config.ts';
import type { EntraEmulator } from '../../../e2e/env/entra-emulator/index.ts';

/** A validated config for the emulator's default app, with optional overrides. */
export function emulatorConfig(emu: EntraEmulator, overrides: Partial<EntraConfigInput> = {}): EntraConfig {
  return entraConfigSchema.parse({
    tenantId: emu.tenantId,
    clientId: emu.clientId,
    auth: { kind: 'secret', clientSecret: emu.clientSecret },
    authorityHost: emu.authorityHost,
    graphBaseUrl: emu.graphBaseUrl,
    caPem: emu.caPem,
    ...overrides,
  });
}

export interface TestContext extends ConnectorContext {
  readonly logs: string[];
}

/** A context that keeps log lines for assertions. */
export function testContext(signal: AbortSignal = new AbortController().signal): TestContext {
  const logs: string[] = [];
  return { signal, logs, log: (level, message) => { logs.push(`${level}: ${message}`); } };
}

/** Drains an import iterator: all changes, batches and the returned watermark. */
export async function collectImport(it: ImportIterator): Promise<{ changes: ImportChange[]; batches: ImportBatch[]; watermark: string | null }> {
  const batches: ImportBatch[] = [];
  for (;;) {
    const next = await it.next();
    if (next.done) return { changes: batches.flatMap((b) => b.changes), batches, watermark: next.value };
    batches.push(next.value);
  }
}
