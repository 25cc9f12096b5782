// The Tools menu of the toolbar: Statistics and Scheduler and staging (the open one is in the URL).
import { useState } from 'react';
import { Button, Menu, MenuItem } from '@mui/material';
import { navigate } from './url-state.ts';

/** Tools → Statistics…, Scheduler and staging… */
export function ToolsMenu() {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const open = (tool: string) => {
    setAnchor(null);
    navigate({ tool });
  };
  return (
    <>
      <Button variant="outlined" color="inherit" onClick={(e) => setAnchor(e.currentTarget)} aria-haspopup="menu" aria-expanded={anchor !== null}>
        Tools
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        <MenuItem onClick={() => open('statistics')}>Statistics…</MenuItem>
        <MenuItem onClick={() => open('scheduler')}>Scheduler and staging…</MenuItem>
      </Menu>
    </>
  );
}
