// The migration report on screen: summary, steps left, warnings, connectors, settings, the rules disabled on
// import with their reasons, the diff of changed standard rules, and every rule in a grid.
import { Alert, Box, Chip, List, ListItem, ListItemText, Paper, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { MigrationReport } from '../../../shared/model/migration.ts';
import { DataTable } from '../components/DataTable.tsx';
import type { TableColumn } from '../components/table-columns.ts';
import { ruleRows, summaryLines, type MigratedRuleRow } from './report-rows.ts';

const COLUMNS: TableColumn<MigratedRuleRow>[] = [
  { field: 'precedence', headerName: 'Precedence', width: 100, type: 'number' },
  { field: 'name', headerName: 'Rule', flex: 1, minWidth: 260 },
  { field: 'direction', headerName: 'Direction', width: 100 },
  { field: 'connector', headerName: 'Connector', width: 200 },
  { field: 'kind', headerName: 'Kind', width: 240 },
  { field: 'state', headerName: 'State', width: 190 },
  { field: 'compared', headerName: 'Compared', width: 180 },
  { field: 'details', headerName: 'Reasons and changes', flex: 1, minWidth: 260 },
];

const STATUS: Record<MigrationReport['status'], string> = {
  'dry-run': 'Read only: nothing has been changed yet.',
  'credentials-needed': 'Imported, waiting for credentials: nothing runs until they are given.',
  applied: 'Imported and applied.',
};

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Box component="section" aria-label={title} sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>{title}</Typography>
      {children}
    </Box>
  );
}

/** The whole report. */
export function MigrationReportView({ report }: { report: MigrationReport }) {
  const disabled = report.rules.filter((r) => r.disabledBy === 'idsync');
  const s = report.settings;
  return (
    <Box role="region" aria-label="Migration report" sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Box>
        <Typography variant="h6" component="h2">Migration from Entra Connect{report.source.server ? `: ${report.source.server}` : ''}</Typography>
        <Typography variant="body2" color="text.secondary">
          {report.source.folder}{report.source.exportDate ? ` · exported ${report.source.exportDate}` : ''}{report.source.engineVersion ? ` · sync engine ${report.source.engineVersion}` : ''}
        </Typography>
        <Typography variant="body2" sx={{ mt: 0.5 }}>{STATUS[report.status]}</Typography>
      </Box>
      <Box aria-label="Summary" role="list" sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }}>
        {summaryLines(report).map((l) => <Chip key={l} role="listitem" label={l} variant="outlined" />)}
      </Box>
      <Section title="Steps left">
        <List dense component="ol" sx={{ listStyle: 'decimal', pl: 4 }}>
          {report.steps.map((t) => <ListItem key={t} sx={{ display: 'list-item' }}>{t}</ListItem>)}
        </List>
      </Section>
      <Section title="Warnings">
        {report.warnings.length === 0 ? <Typography variant="body2">None.</Typography> : null}
        {report.warnings.map((w) => <Alert key={`${w.code}:${w.subject}:${w.message}`} severity="warning"><strong>{w.code}</strong> {w.subject}: {w.message}</Alert>)}
      </Section>
      <Section title="Connectors">
        {report.connectors.map((c) => (
          <Paper key={c.sourceId} variant="outlined" sx={{ p: 1.5 }} aria-label={`Connector ${c.name}`}>
            <Typography variant="subtitle2">{c.name} — {c.kind === 'ad' ? 'Active Directory (LDAP connector)' : c.kind === 'entra' ? 'Microsoft Entra ID (Microsoft Graph connector)' : `not supported (${[c.category, c.subtype].filter(Boolean).join(', ')})`}</Typography>
            <List dense disablePadding>
              {c.target ? <ListItem><ListItemText primary={`${c.kind === 'ad' ? 'Forest' : 'Tenant'}: ${c.target}`} /></ListItem> : null}
              <ListItem><ListItemText primary={`Credentials: ${c.credentials}`} secondary={c.loginHint ? `The old server used ${c.loginHint}` : null} /></ListItem>
              {c.partitions.map((p) => (
                <ListItem key={p.name}><ListItemText primary={`Partition ${p.name}${p.selected ? '' : ' (not selected)'}`} secondary={`include ${p.inclusions.join('; ') || '(all)'} · exclude ${p.exclusions.join('; ') || '(none)'}`} /></ListItem>
              ))}
              {c.scope ? <ListItem><ListItemText primary="IdSync scope" secondary={`search from ${c.scope.includeContainers.join('; ') || c.scope.baseDns.join('; ')} · exclude ${c.scope.excludeContainers.join('; ') || '(none)'}`} /></ListItem> : null}
              <ListItem><ListItemText primary={`Object types: ${c.objectTypes.join(', ')}`} secondary={`${c.attributes.length} attributes included · run profiles: ${c.runProfiles.join(', ')}`} /></ListItem>
              {c.deleteThreshold !== null ? <ListItem><ListItemText primary={`Deletion threshold: ${c.deleteThreshold}`} /></ListItem> : null}
              {[...c.discarded.map((d) => `Not carried: ${d}`), ...c.notes].map((n) => <ListItem key={n}><ListItemText secondary={n} /></ListItem>)}
            </List>
          </Paper>
        ))}
      </Section>
      <Section title="Settings">
        <Table size="small" aria-label="Settings">
          <TableBody>
            {[
              ['Source anchor', s.sourceAnchor], ['User matching', `${s.userMatching.exported} (${s.userMatching.idsync})`], ['UPN attribute', s.upnAttribute],
              ['Deletion threshold', s.deletionThreshold === null ? 'off' : String(s.deletionThreshold)], ['Sync interval', s.syncInterval],
              ['Password hash sync', s.passwordHashSync ? 'on in the old server (not available in IdSync)' : 'off'],
              ['Staging mode', `${s.stagingMode.exported ? 'on' : 'off'} in the old server → ${s.stagingMode.imported ? 'on' : 'off'} here`],
            ].map(([k, v]) => <TableRow key={k}><TableCell component="th" scope="row">{k}</TableCell><TableCell>{v}</TableCell></TableRow>)}
          </TableBody>
        </Table>
      </Section>
      <Section title="Rules disabled on import">
        {disabled.length === 0 ? <Typography variant="body2">None.</Typography> : (
          <List dense aria-label="Rules disabled on import">
            {disabled.map((r) => <ListItem key={r.sourceId}><ListItemText primary={`${r.precedence} ${r.name}`} secondary={r.reasons.join(' · ')} /></ListItem>)}
          </List>
        )}
      </Section>
      <Section title="Changed standard rules">
        {report.diffs.filter((d) => d.kind === 'customer-change').length === 0 ? <Typography variant="body2">No standard rule differs from Microsoft's rule of the same immutable tag.</Typography> : null}
        {report.diffs.map((d) => (
          <Paper key={d.sourceId} variant="outlined" sx={{ p: 1.5 }} aria-label={`Diff of ${d.rule}`}>
            <Typography variant="subtitle2">{d.rule}</Typography>
            <Typography variant="body2" sx={{ mb: 1 }}>{d.summary}</Typography>
            {d.differences.length ? (
              <Table size="small">
                <TableHead><TableRow><TableCell>Field</TableCell><TableCell>Exported</TableCell><TableCell>Standard</TableCell></TableRow></TableHead>
                <TableBody>
                  {d.differences.map((x) => <TableRow key={x.field}><TableCell>{x.field}</TableCell><TableCell sx={{ wordBreak: 'break-word' }}>{x.exported}</TableCell><TableCell sx={{ wordBreak: 'break-word' }}>{x.standard}</TableCell></TableRow>)}
                </TableBody>
              </Table>
            ) : null}
          </Paper>
        ))}
      </Section>
      <Section title="Every rule">
        <DataTable label="Imported rules" rows={ruleRows(report)} columns={COLUMNS} getRowId={(r) => r.key} height={420} />
      </Section>
    </Box>
  );
}
