// The Synchronization Statistics and Synchronization Errors boxes of a step; every non-zero count is a link.
import { Box, Link, Paper, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import type { RunStepInfo } from '../../../shared/model/runs.ts';
import { errorLines, isDrillable, statisticsOf, type StatLine } from './statistics.ts';

export interface StatisticsBoxProps {
  step: RunStepInfo;
  onDrill: (line: StatLine, isError: boolean) => void;
}

function LineRow({ line, onClick, isError }: { line: StatLine; onClick: () => void; isError: boolean }) {
  const where = line.targetConnector ? ` (${line.targetConnector})` : '';
  return (
    <TableRow>
      <TableCell sx={{ py: 0.25 }}>{line.label}</TableCell>
      <TableCell align="right" sx={{ py: 0.25, width: 90 }}>
        {isDrillable(line) ? (
          <Link component="button" type="button" onClick={onClick} aria-label={`${line.label}${where}: ${line.count} — list ${isError ? 'failing ' : ''}objects`}>
            {line.count}
          </Link>
        ) : (
          <span aria-label={`${line.label}${where}: 0`}>0</span>
        )}
      </TableCell>
    </TableRow>
  );
}

/** Statistics sections and the error list of one step. */
export function StatisticsBox({ step, onDrill }: StatisticsBoxProps) {
  const errors = errorLines(step);
  return (
    <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'flex-start' }}>
      {statisticsOf(step).map((section) => (
        <Paper key={section.title} variant="outlined" sx={{ minWidth: 240, flex: '1 1 240px' }} component="section" aria-label={section.title}>
          <Typography variant="subtitle2" sx={{ px: 1, pt: 0.5 }}>
            {section.title}
          </Typography>
          <Table size="small">
            <TableBody>
              {section.lines.map((line) => (
                <LineRow key={line.label} line={line} isError={false} onClick={() => onDrill(line, false)} />
              ))}
            </TableBody>
          </Table>
        </Paper>
      ))}
      <Paper variant="outlined" sx={{ minWidth: 240, flex: '1 1 240px' }} component="section" aria-label="Synchronization errors">
        <Typography variant="subtitle2" sx={{ px: 1, pt: 0.5 }}>
          Synchronization errors
        </Typography>
        {errors.length === 0 ? (
          <Typography variant="body2" sx={{ px: 1, pb: 1 }} color="text.secondary">
            No errors in this step.
          </Typography>
        ) : (
          <Table size="small">
            <TableBody>
              {errors.map((line) => (
                <LineRow key={line.label} line={line} isError onClick={() => onDrill(line, true)} />
              ))}
            </TableBody>
          </Table>
        )}
        {step.message ? (
          <Box sx={{ px: 1, pb: 1 }}>
            <Typography variant="subtitle2">Connection status</Typography>
            <Typography variant="body2" aria-label="Connection status">
              {step.message}
            </Typography>
          </Box>
        ) : null}
      </Paper>
    </Box>
  );
}
