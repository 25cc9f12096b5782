// The migration report as Markdown: summary, steps left, warnings, connectors, settings, disabled rules with
// their reasons, the diff of changed standard rules, the Graph adaptations and every rule in order.
import type { MigrationReport } from '../../shared/model/migration.ts';

const cell = (s: string | number | null | undefined) => String(s ?? '').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

function table(head: string[], rows: (string | number | null)[][]): string[] {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

const STATUS: Record<MigrationReport['status'], string> = {
  'dry-run': 'Dry run: nothing was changed.',
  'credentials-needed': 'Imported, waiting for credentials: nothing runs until they are given.',
  applied: 'Imported and applied, in staging mode.',
};

/** Renders the report. */
export function reportMarkdown(r: MigrationReport): string {
  const c = r.counts;
  const out: string[] = [
    `# Migration from Entra Connect${r.source.server ? `: ${r.source.server}` : ''}`,
    '',
    `**${STATUS[r.status]}**`,
    '',
    `Source: ${code(r.source.folder)}${r.source.exportDate ? `, exported ${r.source.exportDate}` : ''}${r.source.engineVersion ? `, sync engine ${r.source.engineVersion}` : ''}; `
      + `${r.source.files.connectors} connector files, ${r.source.files.rules} rule files (${Object.entries(r.source.files.encodings).map(([k, v]) => `${v} ${k}`).join(', ')}).`,
    '',
    '## Summary',
    '',
    ...table(['What', 'Count'], [
      ['Connectors', c.connectors], ['Unsupported connectors (rules kept, disabled)', c.unsupportedConnectors],
      ['Rules', c.rules], ['Standard rules', c.standardRules], ['Custom rules', c.customRules], ['Enabled rules', c.enabledRules],
      ['Disabled on the old server (stay disabled)', c.disabledByCustomer], ['Disabled on import (reason given)', c.disabledByIdSync],
      ['Standard rules changed by the customer', c.changedStandardRules], ['Standard rules at another tag version', c.versionDrift],
      ['Distinct expressions / compiling', `${c.distinctExpressions} / ${c.expressionsCompiled}`],
    ]),
    '',
    '## Steps left',
    '',
    ...r.steps.map((s, i) => `${i + 1}. ${s}`),
    '',
    '## Warnings',
    '',
    ...(r.warnings.length ? r.warnings.map((w) => `- **${w.code}** ${w.subject}: ${w.message}`) : ['None.']),
    '',
    '## Connectors',
  ];
  for (const k of r.connectors) {
    out.push('', `### ${k.name} (${k.kind === 'ad' ? 'Active Directory → LDAP connector' : k.kind === 'entra' ? 'Microsoft Entra ID → Microsoft Graph connector' : `unsupported: ${[k.category, k.subtype].filter(Boolean).join(', ')}`})`, '');
    if (k.target) out.push(`- ${k.kind === 'ad' ? 'Forest' : 'Tenant'}: ${k.target}`);
    if (k.loginHint) out.push(`- Account of the old server: ${k.loginHint} (no password is exported)`);
    out.push(`- Credentials: ${k.credentials}`);
    for (const p of k.partitions) out.push(`- Partition ${code(p.name)}${p.selected ? '' : ' (not selected)'}: include ${p.inclusions.map(code).join(', ') || '(all)'}; exclude ${p.exclusions.map(code).join(', ') || '(none)'}`);
    if (k.scope) out.push(`- IdSync scope: naming contexts ${k.scope.baseDns.map(code).join(', ')}; search from ${k.scope.includeContainers.map(code).join(', ') || '(whole partitions)'}; exclude ${k.scope.excludeContainers.map(code).join(', ') || '(none)'}`);
    out.push(`- Object types: ${k.objectTypes.join(', ') || '(none)'}`);
    out.push(`- Attribute inclusion: ${k.attributes.length} attributes`);
    out.push(`- Run profiles: ${k.runProfiles.join(', ') || '(none)'}`);
    if (k.deleteThreshold !== null) out.push(`- Deletion threshold: ${k.deleteThreshold}`);
    for (const d of k.discarded) out.push(`- Not carried: ${d}`);
    for (const n of k.notes) out.push(`- ${n}`);
  }
  const s = r.settings;
  out.push('', '## Settings', '', ...table(['Setting', 'Value'], [
    ['Source anchor', s.sourceAnchor], ['User matching', `${s.userMatching.exported} (${s.userMatching.idsync})`], ['UPN attribute', s.upnAttribute],
    ['Deletion threshold', s.deletionThreshold === null ? 'off' : s.deletionThreshold], ['Sync interval', s.syncInterval],
    ['Scheduler', s.syncCycleEnabled ? 'on' : 'off'], ['Run history kept', s.purgeRunHistoryInterval],
    ['Password hash sync', s.passwordHashSync ? 'on in the old server (not available in IdSync)' : 'off'],
    ['Staging mode', `${s.stagingMode.exported ? 'on' : 'off'} in the old server → ${s.stagingMode.imported ? 'on' : 'off'} after import`],
    ['Group member limit', s.groupMemberLimit ?? '(none)'],
    ...s.features.filter((f) => f.enabled).map((f) => [`Feature: ${f.name}`, `${f.supported ? 'carried' : 'not available'}: ${f.note}`]),
  ]));

  const disabled = r.rules.filter((x) => x.disabledBy === 'idsync');
  out.push('', '## Rules disabled on import', '', ...(disabled.length ? table(['Precedence', 'Rule', 'Connector', 'Reason'], disabled.map((x) => [x.precedence, x.name, x.connector, x.reasons.join('; ')])) : ['None.']));
  const byCustomer = r.rules.filter((x) => x.disabledBy === 'customer');
  out.push('', '## Rules disabled on the old server (kept disabled)', '', ...(byCustomer.length ? byCustomer.map((x) => `- ${x.precedence} ${x.name}${x.reasons.length ? ` (would not run in IdSync either: ${x.reasons.join('; ')})` : ''}`) : ['None.']));

  out.push('', '## Changed standard rules', '');
  const changed = r.diffs.filter((d) => d.kind === 'customer-change');
  if (changed.length === 0) out.push('No standard rule differs from Microsoft\'s rule of the same immutable tag.');
  for (const d of r.diffs) {
    out.push('', `### ${d.rule}`, '', `${d.summary} (compared with ${d.reference}).`, '');
    out.push(...(d.differences.length ? table(['Field', 'Exported', 'Standard'], d.differences.map((x) => [x.field, x.exported, x.standard])) : ['No differences.']));
  }

  const adapted = r.rules.filter((x) => x.changes.length);
  out.push('', '## Changes for Microsoft Graph', '', ...(adapted.length ? adapted.flatMap((x) => [`- **${x.name}**`, ...x.changes.map((ch) => `  - ${ch}`)]) : ['None.']));
  if (r.schemaAdditions.length) {
    out.push('', '## Metaverse attributes the rules need', '', ...table(['Attribute', 'Object type', 'Rules', 'Added'], r.schemaAdditions.map((a) => [a.attribute, a.objectType, a.rules.join(', '), a.added ? 'yes' : 'no (rules disabled)'])));
  }
  out.push('', '## Every rule', '', ...table(['Precedence', 'Rule', 'Direction', 'Connector', 'Kind', 'State', 'Compared'], r.rules.map((x) => [
    x.precedence, x.name, x.direction, x.connector, x.standard ? `standard ${x.immutableTag}` : 'custom',
    x.enabled ? 'enabled' : x.disabledBy === 'customer' ? 'disabled (old server)' : 'disabled (import)', x.comparison,
  ])), '');
  return out.join('\n');
}
