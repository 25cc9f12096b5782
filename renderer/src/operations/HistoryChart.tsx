// A chart of run history: adds, updates, deletes and errors of the latest runs, with labelled axes. Every
// run's bars are one target that opens the run, by mouse or keyboard (Tab to it, Enter or Space).
import { useState } from 'react';
import { createPortal } from 'react-dom';
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

/**
 * One button per run over the chart's bands. The chart draws in an SVG hidden from assistive technology, so
 * the buttons are HTML, placed in an overlay beside it at the band positions the chart computed.
 */
function RunTargets({ runs, onOpen, overlay }: { runs: readonly RunListRow[]; onOpen: (run: RunListRow) => void; overlay: HTMLElement | null }) {
  const x = useXScale<'band'>();
  const area = useDrawingArea();
  if (!overlay) return null;
  const width = x.bandwidth();
  return createPortal(
    runs.map((r) => {
      const left = x(r.id);
      if (left === undefined) return null;
      return (
        <Box
          key={r.id}
          component="button"
          type="button"
          aria-label={runTargetLabel(r)}
          title={runTargetLabel(r)}
          onClick={() => onOpen(r)}
          sx={{
            position: 'absolute', left, top: area.top, width, height: area.height, p: 0, border: 0, background: 'transparent', cursor: 'pointer', pointerEvents: 'auto',
            '&:hover': { bgcolor: 'action.hover' },
            '&:focus-visible': { outline: '3px solid', outlineColor: 'primary.main', outlineOffset: -3 },
          }}
        />
      );
    }),
    overlay,
  );
}

const SERIES = [
  { key: 'adds', label: 'Adds', color: '#1f5fa8' },
  { key: 'updates', label: 'Updates', color: '#e0a100' },
  { key: 'deletes', label: 'Deletes', color: '#7b1fa2' },
  { key: 'errors', label: 'Errors', color: '#c62828' },
] as const;

/** Bars of the latest runs' changes under the current filters, oldest on the left. */
export function HistoryChart({ filters, onOpen }: { filters: RunFilters; onOpen: (run: RunListRow) => void }) {
  const q = useApiQuery('operations.runs', { ...runQueryOf(filters), limit: LATEST });
  const [overlay, setOverlay] = useState<HTMLElement | null>(null);
  if (q.isError) return <ErrorAlert error={q.error} what="Loading run history for the chart" />;
  const runs = [...(q.data?.items ?? [])].reverse();
  if (q.data && runs.length === 0) return <Typography sx={{ p: 2 }} color="text.secondary">No runs to chart yet.</Typography>;
  const byId = new Map(runs.map((r) => [r.id, r]));
  const tick = (id: string) => {
    const r = byId.get(id);
    return r ? new Date(r.startedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : id;
  };
  return (
    <Box component="figure" aria-label="Run history chart" sx={{ m: 0, flexShrink: 0, color: 'text.primary' }}>
      <Box component="ul" aria-label="Legend" sx={{ display: 'flex', gap: 2, listStyle: 'none', m: 0, p: 0, justifyContent: 'center' }}>
        {SERIES.map((x) => (
          <Box component="li" key={x.key} sx={{ display: 'flex', alignItems: 'center', gap: 0.5, fontSize: 13 }}>
            <Box component="span" aria-hidden="true" sx={{ width: 12, height: 12, bgcolor: x.color, borderRadius: 0.5 }} />
            {x.label}
          </Box>
        ))}
      </Box>
      <Box sx={{ position: 'relative', height: 240 }}>
        <BarChart
          height={240}
          skipAnimation
          hideLegend
          xAxis={[{ scaleType: 'band', data: runs.map((r) => r.id), label: 'Run start (latest runs, oldest first)', valueFormatter: tick }]}
          yAxis={[{ label: 'Objects', valueFormatter: (v: number) => formatCount(v) }]}
          series={SERIES.map((x) => ({ data: runs.map((r) => r.totals[x.key]), label: x.label, color: x.color, ...(x.key === 'errors' ? {} : { stack: 'changes' }) }))}
        >
          <RunTargets runs={runs} onOpen={onOpen} overlay={overlay} />
        </BarChart>
        <Box ref={setOverlay} sx={{ position: 'absolute', inset: 0, pointerEvents: 'none' }} />
      </Box>
      <Box component="figcaption" sx={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
        Changes per run for the latest {runs.length} runs: the vertical axis counts objects, the horizontal axis is the run start; each run is a button that opens it.
      </Box>
    </Box>
  );
}
