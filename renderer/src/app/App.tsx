// The console window: tab bar, the active tab, and the status bar.
import { useMemo, useState } from 'react';
import { AppBar, Box, Button, CssBaseline, IconButton, Tab, Tabs, Toolbar, Tooltip, Typography } from '@mui/material';
import { ThemeProvider } from '@mui/material/styles';
import DarkModeIcon from '@mui/icons-material/DarkMode';
import LightModeIcon from '@mui/icons-material/LightMode';
import { buildTheme, type ThemeMode } from './theme.ts';
import { TABS, type TabId } from './tabs.ts';
import { StatusBar } from './StatusBar.tsx';
import { WelcomeBanner } from './WelcomeBanner.tsx';
import { StagingBanner } from '../policy/StagingBanner.tsx';
import { DeletesBanner } from '../policy/DeletesBanner.tsx';
import { MigrationBanner } from '../migration/MigrationBanner.tsx';
import { OperationsTab } from '../operations/OperationsTab.tsx';
import { ConnectorsTab } from '../connectors/ConnectorsTab.tsx';
import { MetaverseDesignerTab } from '../designer/MetaverseDesignerTab.tsx';
import { MetaverseSearchTab } from '../search/MetaverseSearchTab.tsx';
import { RulesTab } from '../rules/RulesTab.tsx';
import { WizardDialog } from '../wizard/WizardDialog.tsx';

const THEME_KEY = 'idsync.theme';

function initialMode(): ThemeMode {
  const saved = localStorage.getItem(THEME_KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** The whole console. */
export function App() {
  const [mode, setMode] = useState<ThemeMode>(initialMode);
  const [tab, setTab] = useState<TabId>('operations');
  const [wizardOpen, setWizardOpen] = useState(false);
  const theme = useMemo(() => buildTheme(mode), [mode]);
  const toggleMode = () => {
    const next = mode === 'light' ? 'dark' : 'light';
    localStorage.setItem(THEME_KEY, next);
    setMode(next);
  };
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <Box sx={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
        <AppBar position="static" color="default" elevation={0} sx={{ borderBottom: 1, borderColor: 'divider' }}>
          <Toolbar variant="dense" sx={{ gap: 2 }}>
            <Typography variant="subtitle1" component="h1" sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>
              IdSync
            </Typography>
            <Tabs value={tab} onChange={(_, v: TabId) => setTab(v)} aria-label="Console sections" sx={{ flex: 1 }}>
              {TABS.map((t) => (
                <Tab key={t.id} value={t.id} label={t.label} id={`tab-${t.id}`} aria-controls={`panel-${t.id}`} />
              ))}
            </Tabs>
            <Button variant="outlined" size="small" onClick={() => setWizardOpen(true)} aria-label="Configure (installation wizard)">
              Configure
            </Button>
            <Tooltip title={mode === 'light' ? 'Dark theme' : 'Light theme'}>
              <IconButton onClick={toggleMode} aria-label={mode === 'light' ? 'Switch to dark theme' : 'Switch to light theme'}>
                {mode === 'light' ? <DarkModeIcon /> : <LightModeIcon />}
              </IconButton>
            </Tooltip>
          </Toolbar>
        </AppBar>
        <WelcomeBanner />
        <MigrationBanner />
        <StagingBanner />
        <DeletesBanner />
        <Box component="main" sx={{ flex: 1, overflow: 'auto', minHeight: 0 }}>
          {TABS.map((t) => (
            <Box key={t.id} role="tabpanel" id={`panel-${t.id}`} aria-labelledby={`tab-${t.id}`} hidden={tab !== t.id} sx={{ height: '100%' }}>
              {tab === t.id ? <TabContent id={t.id} /> : null}
            </Box>
          ))}
        </Box>
        <StatusBar />
        {wizardOpen ? <WizardDialog open onClose={() => setWizardOpen(false)} /> : null}
      </Box>
    </ThemeProvider>
  );
}

function TabContent({ id }: { id: TabId }) {
  switch (id) {
    case 'operations':
      return <OperationsTab />;
    case 'connectors':
      return <ConnectorsTab />;
    case 'designer':
      return <MetaverseDesignerTab />;
    case 'search':
      return <MetaverseSearchTab />;
    case 'rules':
      return <RulesTab />;
  }
}
