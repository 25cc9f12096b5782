// The Synchronization Statistics and Synchronization Errors boxes of a step; every non-zero count of kept
// objects is a link (its text is the number; the row names what it counts).
import { Box, Link, Paper, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import type { RunStepInfo } from '../../../shared/model/runs.ts';
import { formatCount } from '../components/values.ts';
import { errorLines, isDrillable, statisticsOf, type StatLine } from './statistics.ts';

export interface StatisticsBoxProps {
  step: RunStepInfo;
  onDrill: (line: StatLine, isError: boolean) => void;
}

const FOCUS_RING = { '&:focus-visible': { outline: '3px solid', outlineColor: 'primary.main', outlineOffset: 2, borderRadius: 0.5 } } as const;

function LineRow({ line, onClick }: { line: StatLine; onClick: () => void }) {
  return (
    <TableRow>
      <TableCell component="th" scope="row" sx={{ py: 0.25, fontWeight: 'normal' }}>
        {line.label}
      </TableCell>
      <TableCell align="right" sx={{ py: 0.25, width: 100 }}>
        {isDrillable(line) ? (
          <Link component="button" type="button" onClick={onClick} sx={FOCUS_RING}>
            {formatCount(line.count)}
          </Link>
        ) : (
          formatCount(line.count)
        )}
      </TableCell>
    </TableRow>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Paper variant="outlined" sx={{ minWidth: 240, flex: '1 1 240px' }} component="section" aria-label={title}>
      <Typography variant="subtitle2" component="h3" sx={{ px: 1, pt: 0.5 }}>
        {title}
      </Typography>
      {children}
    </Paper>
  );
}

/** Statistics sections and the error list of one step. */
export function StatisticsBox({ step, onDrill }: StatisticsBoxProps) {
  const errors = errorLines(step);
  return (
    <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'flex-start' }}>
      {statisticsOf(step).map((section) => (
        <Section key={section.title} title={section.title}>
          <Table size="small" aria-label={section.title}>
            <TableBody>
              {section.lines.map((line) => (
                <LineRow key={line.label} line={line} onClick={() => onDrill(line, false)} />
              ))}
            </TableBody>
          </Table>
        </Section>
      ))}
      <Section title="Synchronization errors">
        {errors.length === 0 ? (
          <Typography variant="body2" sx={{ px: 1, pb: 1 }} color="text.secondary">
            No errors in this step.
          </Typography>
        ) : (
          <Table size="small" aria-label="Synchronization errors">
            <TableBody>
              {errors.map((line) => (
                <LineRow key={line.label} line={line} onClick={() => onDrill(line, true)} />
              ))}
            </TableBody>
          </Table>
        )}
        {step.message ? (
          <Box sx={{ px: 1, pb: 1 }}>
            <Typography variant="subtitle2" component="h3">
              Connection status
            </Typography>
            <Typography variant="body2" aria-label="Connection status">
              {step.message}
            </Typography>
          </Box>
        ) : null}
      </Section>
    </Box>
  );
}
