// Column Settings: a menu of checkboxes choosing which columns a grid shows, and (where attributes can be
// added) "Other attribute…" for an attribute that is not listed.
import { useState } from 'react';
import { Box, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, Divider, ListItemText, Menu, MenuItem, TextField } from '@mui/material';
import ViewColumnIcon from '@mui/icons-material/ViewColumn';

export interface ColumnChoice {
  readonly field: string;
  readonly label: string;
}

export interface ColumnChooserProps {
  choices: readonly ColumnChoice[];
  visible: readonly string[];
  onChange: (fields: string[]) => void;
  /** Field of a typed attribute name (e.g. `attr:NAME`); without it no attribute can be typed. */
  fieldOfAttribute?: (name: string) => string;
}

const NAME = /^[A-Za-z][A-Za-z0-9_.;-]{0,255}$/;

/** A "Column Settings…" button; the first column stays visible so rows never look empty. */
export function ColumnChooser({ choices, visible, onChange, fieldOfAttribute }: ColumnChooserProps) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [typing, setTyping] = useState(false);
  const [name, setName] = useState('');
  const toggle = (field: string) => onChange(visible.includes(field) ? visible.filter((f) => f !== field) : [...visible, field]);
  const problem = name.trim() && !NAME.test(name.trim()) ? `"${name.trim()}" is not an attribute name` : null;
  const add = () => {
    const n = name.trim();
    if (!n || problem || !fieldOfAttribute) return;
    const field = fieldOfAttribute(n);
    if (!visible.includes(field)) onChange([...visible, field]);
    setName('');
    setTyping(false);
  };
  return (
    <>
      <Button startIcon={<ViewColumnIcon />} onClick={(e) => setAnchor(e.currentTarget)} aria-haspopup="menu" aria-expanded={anchor !== null}>
        Column Settings…
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)} slotProps={{ list: { 'aria-label': 'Columns' } }}>
        {choices.map((c, i) => (
          <MenuItem key={c.field} disabled={i === 0} onClick={() => toggle(c.field)} role="menuitemcheckbox" aria-checked={visible.includes(c.field)}>
            <Checkbox size="small" checked={visible.includes(c.field)} tabIndex={-1} disableRipple slotProps={{ input: { 'aria-hidden': true } }} />
            <ListItemText primary={c.label} />
          </MenuItem>
        ))}
        {fieldOfAttribute ? <Divider /> : null}
        {fieldOfAttribute ? (
          <MenuItem onClick={() => { setAnchor(null); setTyping(true); }}>
            <ListItemText primary="Other attribute…" />
          </MenuItem>
        ) : null}
      </Menu>
      {typing ? (
        <Dialog open onClose={() => setTyping(false)} aria-labelledby="other-attribute-title" maxWidth="xs" fullWidth>
          <DialogTitle id="other-attribute-title">Add an attribute column</DialogTitle>
          <DialogContent>
            <Box component="form" onSubmit={(e) => { e.preventDefault(); add(); }} sx={{ pt: 1 }}>
              <TextField label="Attribute name" autoFocus fullWidth value={name} onChange={(e) => setName(e.target.value)} error={problem !== null} helperText={problem ?? 'For example onPremisesDistinguishedName'} />
            </Box>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setTyping(false)}>Cancel</Button>
            <Button variant="contained" disabled={!name.trim() || problem !== null} onClick={add}>
              Add column
            </Button>
          </DialogActions>
        </Dialog>
      ) : null}
    </>
  );
}
