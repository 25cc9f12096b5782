// Paging controls for offset-paged grids: rows per page up to 1,000, previous/next, and jump to a page.
import { useEffect, useId, useState } from 'react';
import { Box, Button, FormControl, IconButton, InputLabel, MenuItem, Select, TextField, Tooltip, Typography } from '@mui/material';
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import { formatCount } from './values.ts';

export const PAGE_SIZES = [25, 50, 100, 250, 500, 1000] as const;

export interface TablePagerProps {
  label: string;
  page: number;
  pageSize: number;
  total: number;
  onChange: (page: number, pageSize: number) => void;
}

/** The page a typed page number stands for, or a reason it cannot be shown. */
export function pageFromInput(text: string, pages: number): { page: number } | { problem: string } {
  const n = Number(text.trim());
  if (!Number.isInteger(n) || n < 1) return { problem: 'Enter a page number' };
  if (n > pages) return { problem: `There ${pages === 1 ? 'is 1 page' : `are ${formatCount(pages)} pages`}` };
  return { page: n - 1 };
}

/** "1–100 of 12,345", page size, previous, next and "Go to page". */
export function TablePager({ label, page, pageSize, total, onChange }: TablePagerProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const sizeLabel = useId();
  const [jump, setJump] = useState(String(page + 1));
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => setJump(String(page + 1)), [page]);
  const first = total === 0 ? 0 : page * pageSize + 1;
  const last = Math.min(total, (page + 1) * pageSize);
  const go = () => {
    const r = pageFromInput(jump, pages);
    if ('problem' in r) return setProblem(r.problem);
    setProblem(null);
    onChange(r.page, pageSize);
  };
  return (
    <Box component="nav" aria-label={`${label} pages`} sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', py: 0.5, justifyContent: 'flex-end' }}>
      <FormControl size="small" sx={{ minWidth: 130 }}>
        <InputLabel id={sizeLabel}>Rows per page</InputLabel>
        <Select labelId={sizeLabel} label="Rows per page" value={pageSize} onChange={(e) => onChange(0, Number(e.target.value))}>
          {PAGE_SIZES.map((n) => (
            <MenuItem key={n} value={n}>
              {formatCount(n)}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <Typography variant="body2" role="status" aria-label={`${label} rows shown`}>
        {formatCount(first)}–{formatCount(last)} of {formatCount(total)} · page {formatCount(page + 1)} of {formatCount(pages)}
      </Typography>
      <Tooltip title="Previous page">
        <span>
          <IconButton aria-label="Previous page" disabled={page === 0} onClick={() => onChange(page - 1, pageSize)}>
            <ChevronLeftIcon />
          </IconButton>
        </span>
      </Tooltip>
      <Tooltip title="Next page">
        <span>
          <IconButton aria-label="Next page" disabled={page + 1 >= pages} onClick={() => onChange(page + 1, pageSize)}>
            <ChevronRightIcon />
          </IconButton>
        </span>
      </Tooltip>
      <Box component="form" onSubmit={(e) => { e.preventDefault(); go(); }} sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
        <TextField label="Page" value={jump} onChange={(e) => setJump(e.target.value)} error={problem !== null} helperText={problem ?? undefined} sx={{ width: 90 }} slotProps={{ htmlInput: { inputMode: 'numeric' } }} />
        <Button type="submit">Go to page</Button>
      </Box>
    </Box>
  );
}
