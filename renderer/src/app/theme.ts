// Light and dark themes of the console.
import { createTheme, type Theme } from '@mui/material/styles';

export type ThemeMode = 'light' | 'dark';

/** The MUI theme for a mode; dense, as an admin console should be. */
export function buildTheme(mode: ThemeMode): Theme {
  return createTheme({
    palette: { mode, primary: { main: mode === 'light' ? '#1f5fa8' : '#7fb2f0' } },
    typography: { fontSize: 13 },
    components: {
      // Subtitles are text, not headings: headings are chosen where a section starts, so their levels stay in order.
      MuiTypography: { defaultProps: { variantMapping: { subtitle1: 'p', subtitle2: 'p' } } },
      // Labels read as written: what a voice-control user says is what the button shows.
      MuiButton: { defaultProps: { size: 'small' }, styleOverrides: { root: { textTransform: 'none' } } },
      MuiToggleButton: { styleOverrides: { root: { textTransform: 'none' } } },
      MuiTextField: { defaultProps: { size: 'small' } },
      MuiTab: { styleOverrides: { root: { textTransform: 'none', minHeight: 40 } } },
    },
  });
}
