// Column Settings: a menu of checkboxes choosing which columns a grid shows.
import { useState } from 'react';
import { Button, Checkbox, ListItemText, Menu, MenuItem } from '@mui/material';
import ViewColumnIcon from '@mui/icons-material/ViewColumn';

export interface ColumnChoice {
  readonly field: string;
  readonly label: string;
}

/** A "Column Settings…" button; the first column stays visible so rows never look empty. */
export function ColumnChooser({ choices, visible, onChange }: { choices: readonly ColumnChoice[]; visible: readonly string[]; onChange: (fields: string[]) => void }) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const toggle = (field: string) => onChange(visible.includes(field) ? visible.filter((f) => f !== field) : [...visible, field]);
  return (
    <>
      <Button startIcon={<ViewColumnIcon />} onClick={(e) => setAnchor(e.currentTarget)} aria-haspopup="menu" aria-expanded={anchor !== null}>
        Column Settings…
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)} aria-label="Columns">
        {choices.map((c, i) => (
          <MenuItem key={c.field} disabled={i === 0} onClick={() => toggle(c.field)} role="menuitemcheckbox" aria-checked={visible.includes(c.field)}>
            <Checkbox size="small" checked={visible.includes(c.field)} tabIndex={-1} disableRipple slotProps={{ input: { 'aria-hidden': true } }} />
            <ListItemText primary={c.label} />
          </MenuItem>
        ))}
      </Menu>
    </>
  );
}
