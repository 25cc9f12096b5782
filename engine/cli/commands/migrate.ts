// `idsync migrate from-entra-connect FOLDER`: imports an Entra Connect server's exported configuration
// (Get-ADSyncServerConfiguration) in staging mode, with a report of every decision; `migrate credentials` gives
// the credentials a waiting import needs; `migrate report` prints the last report. Secrets come from
// environment variables (or a prompt), never from arguments.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { MigrationReport } from '../../../shared/model/migration.ts';
import { CliError, report } from '../output.ts';
import { resolveHome } from '../../host/home.ts';
import { SyncEngine } from '../../sync/engine.ts';
import {
  addRecordedWarnings, applyMigration, checkImportedOus, ExportFolderError, MigrationApplyError, parseCredentialsInput, planConfiguration, planMigration, readMigrationRecord, reportMarkdown,
  resolveCredentials, type MigrationPlan,
} from '../../migrate/index.ts';
import { secretSource } from './setup.ts';

interface CredentialOptions {
  credentials?: string;
  adConnector?: string;
  adUrl?: string;
  adBindDn?: string;
  adPasswordEnv?: string;
  adSecurity?: string;
  adCaFile?: string;
  adTlsServerName?: string;
  entraTenant?: string;
  entraClientId?: string;
  entraSecretEnv?: string;
  entraCertificateFile?: string;
  entraPrivateKeyFile?: string;
  authorityHost?: string;
  graphBaseUrl?: string;
  entraCaFile?: string;
  json?: boolean;
}

interface ImportOptions extends CredentialOptions {
  dryRun?: boolean;
  report?: string;
  addMissingAttributes?: boolean;
}

function withCredentialOptions(cmd: Command): Command {
  return cmd
    .option('--credentials <file>', 'JSON {directories:[{connector?,url,bindDn,passwordEnv,security?,caFile?,tlsServerName?}], entra:{clientId,secretEnv|certificateFile+privateKeyFile,tenant?,authorityHost?,graphBaseUrl?,caFile?}}')
    .option('--ad-connector <name>', 'which forest the --ad-* options are for (default: the only one)')
    .option('--ad-url <ldap-url>', 'domain controller, ldaps://host or ldap://host')
    .option('--ad-bind-dn <dn>', 'account the AD connector binds with (DN or user@domain)')
    .option('--ad-password-env <VAR>', 'environment variable holding that account\'s password')
    .option('--ad-security <ldaps|starttls|none>', 'connection security (default from the URL)')
    .option('--ad-ca-file <pem>', 'CA certificate to trust for the directory')
    .option('--ad-tls-server-name <host>', 'host name the directory\'s certificate names')
    .option('--entra-client-id <guid>', 'application (client) id of the app registration')
    .option('--entra-secret-env <VAR>', 'environment variable holding the client secret')
    .option('--entra-certificate-file <pem>', 'the app\'s certificate (instead of a secret)')
    .option('--entra-private-key-file <pem>', 'the certificate\'s private key')
    .option('--entra-tenant <tenant>', 'another tenant than the export names (id or domain)')
    .option('--authority-host <url>', 'sign-in authority (default https://login.microsoftonline.com)')
    .option('--graph-base-url <url>', 'Microsoft Graph base URL (default https://graph.microsoft.com)')
    .option('--entra-ca-file <pem>', 'CA certificate to trust for the authority and Graph')
    .option('--json', 'print JSON');
}

/** The credential input from --credentials and the flags (flags add one directory and the app). */
function credentialInput(o: CredentialOptions): unknown {
  let fromFile: { directories?: unknown[]; entra?: unknown } = {};
  if (o.credentials) {
    try {
      fromFile = JSON.parse(fs.readFileSync(o.credentials, 'utf8')) as typeof fromFile;
    } catch (err) {
      throw new CliError(`Cannot read the credentials file ${o.credentials}: ${(err as Error).message}`);
    }
  }
  const ad = [['--ad-url', o.adUrl], ['--ad-bind-dn', o.adBindDn], ['--ad-password-env', o.adPasswordEnv]] as const;
  const given = ad.filter(([, v]) => v);
  if (given.length && given.length < ad.length) throw new CliError(`Missing ${ad.filter(([, v]) => !v).map(([k]) => k).join(', ')} (the directory account needs --ad-url, --ad-bind-dn and --ad-password-env)`);
  const directories = [...(fromFile.directories ?? [])];
  if (given.length) {
    directories.push({
      ...(o.adConnector ? { connector: o.adConnector } : {}), url: o.adUrl, bindDn: o.adBindDn, passwordEnv: o.adPasswordEnv,
      ...(o.adSecurity ? { security: o.adSecurity } : {}), ...(o.adCaFile ? { caFile: o.adCaFile } : {}), ...(o.adTlsServerName ? { tlsServerName: o.adTlsServerName } : {}),
    });
  }
  const entraFlags = [o.entraSecretEnv, o.entraCertificateFile, o.entraPrivateKeyFile, o.entraTenant].some(Boolean);
  if (entraFlags && !o.entraClientId) throw new CliError('Missing --entra-client-id (the app registration needs its client id and --entra-secret-env or a certificate)');
  const entra = o.entraClientId
    ? {
        clientId: o.entraClientId, ...(o.entraSecretEnv ? { secretEnv: o.entraSecretEnv } : {}),
        ...(o.entraCertificateFile ? { certificateFile: o.entraCertificateFile } : {}), ...(o.entraPrivateKeyFile ? { privateKeyFile: o.entraPrivateKeyFile } : {}),
        ...(o.entraTenant ? { tenant: o.entraTenant } : {}), ...(o.authorityHost ? { authorityHost: o.authorityHost } : {}),
        ...(o.graphBaseUrl ? { graphBaseUrl: o.graphBaseUrl } : {}), ...(o.entraCaFile ? { caFile: o.entraCaFile } : {}),
      }
    : fromFile.entra;
  return { directories, ...(entra ? { entra } : {}) };
}

/** Writes the report to FILE: JSON for *.json, Markdown otherwise. */
function writeReport(file: string, r: MigrationReport): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, /\.json$/i.test(file) ? `${JSON.stringify(r, null, 2)}\n` : reportMarkdown(r));
}

/** Applies a plan with the given credentials, checks the OU filter against the forest, and prints the outcome. */
async function apply(program: Command, plan: MigrationPlan, o: ImportOptions): Promise<void> {
  const secrets = secretSource();
  let credentials;
  try {
    credentials = resolveCredentials(parseCredentialsInput(credentialInput(o)), secrets);
  } catch (err) {
    throw err instanceof CliError ? err : new CliError((err as Error).message);
  }
  const home = resolveHome(program.opts<{ home?: string }>().home);
  fs.mkdirSync(home, { recursive: true });
  const engine = SyncEngine.open(path.join(home, 'idsync.sqlite'));
  let result;
  try {
    try {
      result = applyMigration(engine, home, plan, credentials);
    } catch (err) {
      throw new CliError(err instanceof MigrationApplyError ? err.message : `The import failed (nothing was changed): ${(err as Error).message}`);
    }
    if (result.status === 'applied') {
      const found = await checkImportedOus(home, engine, result.connectors.map((c) => c.id));
      if (found.length) result = { ...result, report: addRecordedWarnings(home, found) ?? result.report };
    }
  } finally {
    engine.close();
  }
  if (o.report) writeReport(o.report, result.report);
  const r = result.report;
  report(o, result, (v) => [
    v.status === 'applied'
      ? `Imported ${r.source.server ?? 'the Entra Connect server'}: ${r.counts.connectors - r.counts.unsupportedConnectors} connectors, ${r.counts.rules} rules (${r.counts.enabledRules} enabled, ${r.counts.disabledByIdSync} disabled on import, ${r.counts.disabledByCustomer} disabled on the old server); staging mode is on`
      : `Imported ${r.source.server ?? 'the Entra Connect server'}, waiting for credentials: nothing runs until they are given`,
    ...v.connectors.map((c) => `  ${c.action} connector ${c.name} (${c.type})`),
    ...r.warnings.map((w) => `warning [${w.code}] ${w.subject}: ${w.message}`),
    'Steps left:',
    ...r.steps.map((s, i) => `  ${i + 1}. ${s}`),
    `Report: ${v.reportFile}${o.report ? ` and ${o.report}` : ''}`,
  ].join('\n'));
}

/** Registers `idsync migrate`. */
export function registerMigrate(program: Command): void {
  const cmd = program.command('migrate').description('move in from Entra Connect: import a server\'s exported configuration');
  withCredentialOptions(cmd.command('from-entra-connect')
    .description('import the folder Get-ADSyncServerConfiguration (or MigrateSettings.ps1) wrote; the configuration starts in staging mode')
    .argument('<folder>', 'the exported folder (Connectors/, GlobalSettings/MV.xml, SynchronizationRules/)')
    .option('--dry-run', 'print the report and change nothing')
    .option('--report <file>', 'also write the report to FILE (Markdown, or JSON for *.json)')
    .option('--add-missing-attributes', 'add metaverse attributes that rules need and the export lacks (otherwise those rules are disabled)'))
    .action(async (folder: string, o: ImportOptions) => {
      let plan;
      try {
        plan = planMigration(folder, { addMissingAttributes: o.addMissingAttributes });
      } catch (err) {
        throw new CliError(err instanceof ExportFolderError ? err.message : `Cannot read the export: ${(err as Error).message}`);
      }
      if (!o.dryRun) return apply(program, plan, o);
      if (o.report) writeReport(o.report, plan.report);
      report(o, { report: plan.report, configuration: planConfiguration(plan) }, (v) => reportMarkdown(v.report));
    });
  withCredentialOptions(cmd.command('credentials').description('give the credentials an imported configuration waits for, and apply it')
    .option('--report <file>', 'also write the report to FILE (Markdown, or JSON for *.json)'))
    .action(async (o: ImportOptions) => {
      const record = readMigrationRecord(resolveHome(program.opts<{ home?: string }>().home));
      if (!record) throw new CliError('No import waits for credentials here (run `idsync migrate from-entra-connect FOLDER` first)');
      if (record.status !== 'credentials-needed') throw new CliError('The last import is already applied; change credentials on the connectors (`idsync connectors`, or the console)');
      await apply(program, record.plan, o);
    });
  cmd.command('report').description('print the report of the last import').option('--json', 'print JSON')
    .action((o: { json?: boolean }) => {
      const record = readMigrationRecord(resolveHome(program.opts<{ home?: string }>().home));
      if (!record) throw new CliError('No import from Entra Connect has been made in this data directory');
      report(o, { status: record.status, importedAt: record.importedAt, report: record.plan.report }, (v) => reportMarkdown(v.report));
    });
}
