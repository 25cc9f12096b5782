// The console window: tab bar with global search and tools, the active tab, and the status bar. The tab, its
// queries and the open dialog are in the URL (deep links, Back, reload); views follow the engine's events.
import { useMemo, useState } from 'react';
import { AppBar, Box, Button, CssBaseline, IconButton, Tab, Tabs, Toolbar, Tooltip, Typography } from '@mui/material';
import { ThemeProvider } from '@mui/material/styles';
import DarkModeIcon from '@mui/icons-material/DarkMode';
import LightModeIcon from '@mui/icons-material/LightMode';
import { buildTheme, type ThemeMode } from './theme.ts';
import { TABS, tabOf, type TabId } from './tabs.ts';
import { StatusBar } from './StatusBar.tsx';
import { WelcomeBanner } from './WelcomeBanner.tsx';
import { ToolsMenu } from './ToolsMenu.tsx';
import { navigate, useUrlParams } from './url-state.ts';
import { useLiveUpdates } from '../api/live-updates.ts';
import { StagingBanner } from '../policy/StagingBanner.tsx';
import { DeletesBanner } from '../policy/DeletesBanner.tsx';
import { MigrationBanner } from '../migration/MigrationBanner.tsx';
import { OperationsTab } from '../operations/OperationsTab.tsx';
import { ConnectorsTab } from '../connectors/ConnectorsTab.tsx';
import { MetaverseDesignerTab } from '../designer/MetaverseDesignerTab.tsx';
import { MetaverseSearchTab } from '../search/MetaverseSearchTab.tsx';
import { RulesTab } from '../rules/RulesTab.tsx';
import { WizardDialog } from '../wizard/WizardDialog.tsx';
import { GlobalSearchBox, GlobalSearchDialog } from '../journey/GlobalSearch.tsx';
import { JourneyDialog } from '../journey/JourneyDialog.tsx';
import { parseJourney } from '../journey/journey-ref.ts';
import { StatisticsDialog } from '../tools/StatisticsDialog.tsx';
import { SchedulerDialog } from '../tools/SchedulerDialog.tsx';

const THEME_KEY = 'idsync.theme';

function initialMode(): ThemeMode {
  const saved = localStorage.getItem(THEME_KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** The whole console. */
export function App() {
  const [mode, setMode] = useState<ThemeMode>(initialMode);
  const [wizardOpen, setWizardOpen] = useState(false);
  const params = useUrlParams();
  const tab = tabOf(params.get('tab'));
  const tool = params.get('tool');
  const find = params.get('find');
  const journey = parseJourney(params.get('journey'));
  const theme = useMemo(() => buildTheme(mode), [mode]);
  useLiveUpdates();
  const toggleMode = () => {
    const next = mode === 'light' ? 'dark' : 'light';
    localStorage.setItem(THEME_KEY, next);
    setMode(next);
  };
  // Closing replaces the entry, so Back then returns to where the dialog was opened from.
  const close = (name: string) => () => navigate({ [name]: null }, false);
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <Box sx={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
        <AppBar position="static" color="default" elevation={0} sx={{ borderBottom: 1, borderColor: 'divider' }}>
          <Toolbar variant="dense" sx={{ gap: 2, py: 0.5 }}>
            <Typography variant="subtitle1" component="h1" sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>
              IdSync
            </Typography>
            <Tabs value={tab} onChange={(_, v: TabId) => navigate({ tab: v })} aria-label="Console sections" sx={{ flex: 1 }}>
              {TABS.map((t) => (
                <Tab key={t.id} value={t.id} label={t.label} id={`tab-${t.id}`} aria-controls={`panel-${t.id}`} />
              ))}
            </Tabs>
            <GlobalSearchBox current={find} />
            <ToolsMenu />
            <Button variant="outlined" color="inherit" onClick={() => setWizardOpen(true)}>
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
        {tool === 'statistics' ? <StatisticsDialog onClose={close('tool')} /> : null}
        {tool === 'scheduler' ? <SchedulerDialog onClose={close('tool')} /> : null}
        {find ? <GlobalSearchDialog text={find} onClose={close('find')} /> : null}
        {journey ? <JourneyDialog target={journey} onClose={close('journey')} /> : null}
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
