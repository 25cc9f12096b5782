// Grid settings every table shares: multi-row selection without a checkbox column (clicks select, as in a
// desktop list), so no checkbox stands where nothing can be done with it.
import type { DataGridProps } from '@mui/x-data-grid';

/** Selection on (Ctrl/Shift-click extend it), the checkbox column hidden, clicks handled by grid-selection.ts. */
export const GRID_HIDDEN_CHECKBOXES: Pick<DataGridProps, 'checkboxSelection' | 'disableRowSelectionOnClick' | 'columnVisibilityModel'> = {
  checkboxSelection: true,
  disableRowSelectionOnClick: true,
  columnVisibilityModel: { __check__: false },
};
