// A chart of run history: adds, updates, deletes and errors of the latest runs, with labelled axes. Every
// run's bars are one target that opens the run, by mouse or keyboard (Tab to it, Enter or Space).
import { useState } from 'react';
import { Box, Typography } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { useDrawingArea, useXScale } from '@mui/x-charts/hooks';
import type { RunListRow } from '../../../shared/model/operations.ts';
import { useApiQuery } from '../api/hooks.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { formatCount, formatTime } from '../components/values.ts';
import { runQueryOf, type RunFilters } from './run-filters.ts';

const LATEST = 30;

/** The words a run's target says: which run and what it changed. */
export function runTargetLabel(r: RunListRow): string {
  const t = r.totals;
  return `Open run ${r.id}: ${r.connector}, ${r.profile}, ${formatTime(r.startedAt)}: ${formatCount(t.adds)} adds, ${formatCount(t.updates)} updates, ${formatCount(t.deletes)} deletes, ${formatCount(t.errors)} errors`;
}

function RunTargets({ runs, onOpen }: { runs: readonly RunListRow[]; onOpen: (run: RunListRow) => void }) {
  const x = useXScale<'band'>();
  const area = useDrawingArea();
  const [focused, setFocused] = useState<string | null>(null);
  const width = x.bandwidth();
  return (
    <g>
      {runs.map((r) => {
        const left = x(r.id);
        if (left === undefined) return null;
        return (
          <rect
            key={r.id}
            x={left}
            y={area.top}
            width={width}
            height={area.height}
            fill="transparent"
            stroke={focused === r.id ? 'currentColor' : 'none'}
            strokeWidth={3}
            tabIndex={0}
            role="button"
            aria-label={runTargetLabel(r)}
            style={{ cursor: 'pointer', outline: 'none' }}
            onFocus={() => setFocused(r.id)}
            onBlur={() => setFocused(null)}
            onClick={() => onOpen(r)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                onOpen(r);
              }
            }}
          >
            <title>{runTargetLabel(r)}</title>
          </rect>
        );
      })}
    </g>
  );
}

/** Bars of the latest runs' changes under the current filters, oldest on the left. */
export function HistoryChart({ filters, onOpen }: { filters: RunFilters; onOpen: (run: RunListRow) => void }) {
  const q = useApiQuery('operations.runs', { ...runQueryOf(filters), limit: LATEST });
  if (q.isError) return <ErrorAlert error={q.error} what="Loading run history for the chart" />;
  const runs = [...(q.data?.items ?? [])].reverse();
  if (q.data && runs.length === 0) return <Typography sx={{ p: 2 }} color="text.secondary">No runs to chart yet.</Typography>;
  const byId = new Map(runs.map((r) => [r.id, r]));
  const tick = (id: string) => {
    const r = byId.get(id);
    return r ? new Date(r.startedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : id;
  };
  return (
    <Box component="figure" aria-label="Run history chart" sx={{ m: 0, height: 250, flexShrink: 0, color: 'text.primary' }}>
      <BarChart
        height={240}
        skipAnimation
        xAxis={[{ scaleType: 'band', data: runs.map((r) => r.id), label: 'Run start (latest runs, oldest first)', valueFormatter: tick }]}
        yAxis={[{ label: 'Objects', valueFormatter: (v: number) => formatCount(v) }]}
        series={[
          { data: runs.map((r) => r.totals.adds), label: 'Adds', stack: 'changes' },
          { data: runs.map((r) => r.totals.updates), label: 'Updates', stack: 'changes' },
          { data: runs.map((r) => r.totals.deletes), label: 'Deletes', stack: 'changes' },
          { data: runs.map((r) => r.totals.errors), label: 'Errors', color: '#c62828' },
        ]}
      >
        <RunTargets runs={runs} onOpen={onOpen} />
      </BarChart>
      <Box component="figcaption" sx={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
        Changes per run for the latest {runs.length} runs; each run is a button that opens it.
      </Box>
    </Box>
  );
}
