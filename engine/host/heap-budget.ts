// The engine's memory budget. V8 sizes its heap from the machine's memory (about 4 GB here) and, with that much
// room, lets garbage from a long run pile up before it collects: a cycle that keeps under 150 MB alive reached
// 370 MB. Capping the old generation makes V8 collect sooner; it costs a few per cent of CPU time (see README, Scale).

/** The old-generation cap (MB) of every process or thread that runs the engine. */
export const ENGINE_HEAP_MB = 256;

/** The variable that overrides the cap; 0 leaves V8's own limit. */
export const HEAP_VARIABLE = 'IDSYNC_HEAP_MB';

/** The cap in MB from `IDSYNC_HEAP_MB` (or the default); 0 means no cap. Refuses a value that is not a whole number. */
export function engineHeapMb(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[HEAP_VARIABLE]?.trim();
  if (raw === undefined || raw === '') return ENGINE_HEAP_MB;
  if (!/^\d+$/.test(raw)) throw new Error(`${HEAP_VARIABLE} must be a whole number of MB (0 for no cap), not "${raw}"`);
  const mb = Number(raw);
  if (mb !== 0 && mb < 64) throw new Error(`${HEAP_VARIABLE}=${mb} is too small for the engine: give at least 64 MB, or 0 for no cap`);
  return mb;
}

/** The node flags that apply the cap to a child process that runs the engine. */
export function heapFlags(env: NodeJS.ProcessEnv = process.env): string[] {
  const mb = engineHeapMb(env);
  return mb > 0 ? [`--max-old-space-size=${mb}`] : [];
}

/** Worker-thread resource limits that apply the cap to an engine thread. */
export function heapLimits(env: NodeJS.ProcessEnv = process.env): { maxOldGenerationSizeMb?: number } {
  const mb = engineHeapMb(env);
  return mb > 0 ? { maxOldGenerationSizeMb: mb } : {};
}
