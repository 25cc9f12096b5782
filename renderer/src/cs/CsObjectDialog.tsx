// Connector Space Object Properties: Import, Synchronization Error, Pending Export, Connectors, Lineage, Preview, Log.
import { useState } from 'react';
import { Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Tab, Tabs, Typography } from '@mui/material';
import { useApiQuery } from '../api/hooks.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { ImportTab } from './ImportTab.tsx';
import { ErrorTab } from './ErrorTab.tsx';
import { PendingExportTab } from './PendingExportTab.tsx';
import { LinkedConnectorsTab } from './LinkedConnectorsTab.tsx';
import { LineageTab } from './LineageTab.tsx';
import { PreviewTab } from './PreviewTab.tsx';
import { LogTab } from './LogTab.tsx';

const TABS = ['Import', 'Synchronization Error', 'Pending Export', 'Connectors', 'Lineage', 'Preview', 'Log'] as const;
type TabName = (typeof TABS)[number];

export interface CsObjectDialogProps {
  connector: string;
  id?: string;
  dn?: string;
  onClose: () => void;
}

/** The properties of one connector space object, current state. */
export function CsObjectDialog({ connector, id, dn, onClose }: CsObjectDialogProps) {
  const [tab, setTab] = useState<TabName>('Import');
  const q = useApiQuery('cs.get', { connector, ...(id ? { id } : { dn }) });
  const d = q.data;
  const hasError = Boolean(d && (d.importError || d.syncError || d.exportError));
  const slug = (t: string) => t.toLowerCase().replace(/\s+/g, '-');
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="lg" aria-labelledby="cs-object-title">
      <DialogTitle id="cs-object-title" sx={{ pb: 0 }}>
        Connector Space Object Properties
        <Typography variant="body2" color="text.secondary" sx={{ wordBreak: 'break-all' }}>
          {connector}: {d?.dn ?? dn ?? id}
        </Typography>
      </DialogTitle>
      <Tabs value={tab} onChange={(_, v: TabName) => setTab(v)} variant="scrollable" aria-label="Object properties" sx={{ px: 2 }}>
        {TABS.map((t) => (
          <Tab
            key={t}
            value={t}
            id={`cs-tab-${slug(t)}`}
            aria-controls={`cs-panel-${slug(t)}`}
            label={t === 'Synchronization Error' && hasError ? `${t} (!)` : t}
            aria-label={t}
          />
        ))}
      </Tabs>
      <DialogContent dividers sx={{ minHeight: 440 }}>
        {q.isError ? <ErrorAlert error={q.error} what="Loading the connector space object" onRetry={() => void q.refetch()} /> : null}
        {q.isPending ? <Typography>Loading…</Typography> : null}
        {d ? (
          <Box role="tabpanel" id={`cs-panel-${slug(tab)}`} aria-labelledby={`cs-tab-${slug(tab)}`}>
            {tab === 'Import' ? <ImportTab detail={d} /> : null}
            {tab === 'Synchronization Error' ? <ErrorTab detail={d} /> : null}
            {tab === 'Pending Export' ? <PendingExportTab detail={d} /> : null}
            {tab === 'Connectors' ? <LinkedConnectorsTab detail={d} /> : null}
            {tab === 'Lineage' ? <LineageTab detail={d} /> : null}
            {tab === 'Preview' ? <PreviewTab detail={d} /> : null}
            {tab === 'Log' ? <LogTab detail={d} /> : null}
          </Box>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => void q.refetch()}>Refresh</Button>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
