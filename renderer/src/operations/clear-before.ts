// The cut-off date of Clear Runs, as the engine's runs.clear expects it.

/** The `before` of a runs.clear request: the start of the chosen local day, or undefined to clear every run. */
export function clearBefore(date: string, all: boolean): string | undefined {
  if (all) return undefined;
  const d = new Date(`${date}T00:00:00`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(d.getTime())) throw new Error(`Not a date: "${date}"`);
  return d.toISOString();
}
