// A chart of run history: adds, updates, deletes and errors per run, for the latest runs.
import { Box, Typography } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { useQueries } from '@tanstack/react-query';
import { getApi } from '../api/client.ts';
import { useApiQuery } from '../api/hooks.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { formatTime } from '../components/values.ts';
import type { RunDetail } from '../../../shared/model/runs.ts';
import { historySeries } from './history-series.ts';

const LATEST = 30;

/** Stacked bars of the latest runs' changes (optionally for one connector). */
export function HistoryChart({ connector }: { connector: string | null }) {
  const list = useApiQuery('runs.list', { connector: connector ?? undefined, limit: LATEST });
  const details = useQueries({
    queries: (list.data?.items ?? []).map((r) => ({
      queryKey: ['runs.get', { runId: r.id }],
      queryFn: () => getApi().call('runs.get', { runId: r.id }),
      staleTime: 30_000,
    })),
  });
  const runs = details.map((d) => d.data).filter((d): d is RunDetail => Boolean(d));
  const points = historySeries(runs, formatTime);
  if (list.isError) return <ErrorAlert error={list.error} what="Loading run history for the chart" />;
  if (points.length === 0) return <Typography sx={{ p: 2 }} color="text.secondary">No runs to chart yet.</Typography>;
  return (
    <Box component="figure" aria-label="Run history chart" sx={{ m: 0, height: 190, flexShrink: 0 }}>
      <BarChart
        height={180}
        skipAnimation
        xAxis={[{ scaleType: 'band', data: points.map((p) => p.label), tickLabelStyle: { display: 'none' } }]}
        series={[
          { data: points.map((p) => p.adds), label: 'Adds', stack: 'changes' },
          { data: points.map((p) => p.updates), label: 'Updates', stack: 'changes' },
          { data: points.map((p) => p.deletes), label: 'Deletes', stack: 'changes' },
          { data: points.map((p) => p.errors), label: 'Errors', color: '#d32f2f' },
        ]}
      />
    </Box>
  );
}
