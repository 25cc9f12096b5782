// The Synchronization Statistics of a step: which counters appear, under which labels, and what each link lists.
import type { RunStepInfo } from '../../../shared/model/runs.ts';

/** One line of the statistics box; clicking it lists the objects of `counters` (one or several raw counters). */
export interface StatLine {
  readonly label: string;
  readonly counters: readonly string[];
  readonly count: number;
  /** Set for outbound lines: the target connector whose connector space was touched. */
  readonly targetConnector?: string;
  /** False for counters the engine counts without keeping the objects (no-change counters): nothing to list. */
  readonly listable?: boolean;
}

export interface StatSection {
  readonly title: string;
  readonly lines: readonly StatLine[];
}

type LineDef = readonly [label: string, counters: readonly string[]];

const IMPORT: readonly LineDef[] = [
  ['Filtered Deletions', ['filtered-deletions']],
  ['Filtered Objects', ['filtered-objects']],
  ['Unchanged', ['stage-no-change']],
  ['Adds', ['stage-add']],
  ['Updates', ['stage-update']],
  ['Renames', ['stage-rename']],
  ['Deletes', ['stage-delete']],
  ['Delete Adds', ['stage-delete-add']],
];

const INBOUND: readonly LineDef[] = [
  ['Projections', ['disconnector-projected-flow', 'disconnector-projected-no-flow', 'disconnector-projected-remove-mv']],
  ['Joins', ['disconnector-joined-flow', 'disconnector-joined-no-flow', 'disconnector-joined-remove-mv']],
  ['Filtered Disconnectors', ['disconnector-filtered']],
  ['Disconnectors', ['disconnector-remains']],
  ['Connectors with Flow Updates', ['connector-flow', 'connector-flow-remove-mv']],
  ['Connectors without Flow Updates', ['connector-no-flow']],
  ['Filtered Connectors', ['connector-filtered-remove-mv', 'connector-filtered-leave-mv']],
  ['Deleted Connectors', ['connector-delete-remove-mv', 'connector-delete-leave-mv', 'connector-delete-add-processed']],
];

const OUTBOUND: readonly LineDef[] = [
  ['Export Attribute Flow', ['connector-flow']],
  ['Connectors without Export Flow Updates', ['connector-no-flow']],
  ['Provisioned', ['provisioned-add-flow', 'provisioned-add-no-flow']],
  ['Deprovisioned', ['provisioned-disconnect']],
  ['Provisioning Renames', ['provisioned-rename-flow', 'provisioned-rename-no-flow']],
  ['Provisioning Delete Adds', ['provisioned-delete-add-flow', 'provisioned-delete-add-no-flow']],
];

const EXPORT: readonly LineDef[] = [
  ['Adds', ['export-add']],
  ['Updates', ['export-update']],
  ['Renames', ['export-rename']],
  ['Deletes', ['export-delete']],
  ['Delete Adds', ['export-delete-add']],
];

// Failure counters belong to the errors box, not the statistics.
const FAILURES = new Set(['stage-failure', 'flow-failure', 'export-failure']);

// Counted without keeping the objects (they would repeat every object on every run).
const UNLISTED = new Set(['stage-no-change', 'connector-no-flow']);

/** Counters outside the standard lines, in words. */
const OTHER_LABELS: Record<string, string> = {
  'unresolved-reference': 'Unresolved References',
  'connector-flow-remove-mv': 'Connectors with Flow Updates (metaverse object removed)',
  'export-confirmed': 'Exports Confirmed',
};

/** The words for a counter: its known label, else its name turned into words ("connector-delete-x" → "Connector delete x"). */
export function counterLabel(name: string): string {
  const known = OTHER_LABELS[name];
  if (known) return known;
  const words = name.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function linesFrom(defs: readonly LineDef[], counters: Record<string, number>, target?: string): StatLine[] {
  const known = new Set(defs.flatMap(([, cs]) => cs));
  const where = target ? { targetConnector: target } : {};
  const lines: StatLine[] = defs.map(([label, cs]) => ({
    label,
    counters: cs,
    count: cs.reduce((n, c) => n + (counters[c] ?? 0), 0),
    listable: !cs.every((c) => UNLISTED.has(c)),
    ...where,
  }));
  // Counters this console has no line for still show, in words, so no number is hidden.
  for (const [name, count] of Object.entries(counters)) {
    if (!known.has(name) && !FAILURES.has(name)) lines.push({ label: counterLabel(name), counters: [name], count, listable: !UNLISTED.has(name), ...where });
  }
  return lines;
}

/** The statistics sections of a step, in the Synchronization Service Manager's layout for its type. */
export function statisticsOf(step: Pick<RunStepInfo, 'type' | 'counters' | 'outbound'>): StatSection[] {
  if (step.type === 'full-import' || step.type === 'delta-import') return [{ title: 'Import statistics', lines: linesFrom(IMPORT, step.counters) }];
  if (step.type === 'export') return [{ title: 'Export statistics', lines: linesFrom(EXPORT, step.counters) }];
  const sections: StatSection[] = [{ title: 'Inbound synchronization', lines: linesFrom(INBOUND, step.counters) }];
  for (const [target, counters] of Object.entries(step.outbound).sort(([a], [b]) => a.localeCompare(b))) {
    sections.push({ title: `Outbound synchronization: ${target}`, lines: linesFrom(OUTBOUND, counters, target) });
  }
  return sections;
}

/** The error lines of a step: one per error code, most frequent first. */
export function errorLines(step: Pick<RunStepInfo, 'errors'>): StatLine[] {
  return Object.entries(step.errors)
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([code, count]) => ({ label: code, counters: [code], count }));
}

/** Whether a line can be clicked: only a non-zero count of kept objects lists anything. */
export function isDrillable(line: StatLine): boolean {
  return line.count > 0 && line.listable !== false;
}
