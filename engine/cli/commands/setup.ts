// `idsync setup`: creates the Entra Connect default configuration (connectors, metaverse schema, rules)
// without the console. Secrets come from environment variables (or a prompt), never from arguments.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { CliError, report } from '../output.ts';
import { resolveHome } from '../../host/home.ts';
import { openConnector } from '../../connectors/registry.ts';
import { SyncEngine } from '../../sync/engine.ts';
import { applyDefaultConfiguration, connectorSpecs, parseSetupInput, type SecretSource } from '../../rules/defaults/index.ts';
import { SettingsFile } from '../../scheduler/settings-file.ts';
import { recordOuSelection } from '../../rules/defaults/filtering/ou-check.ts';
import { entraConfigSchema, entraConnectorType } from '../../connectors/entra/index.ts';
import type { TestConnectionResult } from '../../connectors/contract.ts';

/** Signs in as the sync app and reads the tenant's domains, as the first cycle will. */
async function testEntraSignIn(config: Record<string, unknown>): Promise<TestConnectionResult> {
  const parsed = entraConfigSchema.safeParse(config);
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => `${i.path.join('.') || 'entra'}: ${i.message}`).join('; ') };
  const connector = entraConnectorType.create(parsed.data);
  try {
    return await connector.testConnection({ signal: AbortSignal.timeout(120_000), log: () => {} });
  } finally {
    await connector.close();
  }
}

interface SetupOptions {
  config?: string;
  ad?: string;
  adBindDn?: string;
  adPasswordEnv?: string;
  adName?: string;
  adFlavour?: string;
  adCaFile?: string;
  tlsServerName?: string;
  ou: string[];
  entraTenant?: string;
  entraClientId?: string;
  entraSecretEnv?: string;
  entraName?: string;
  authorityHost?: string;
  graphBaseUrl?: string;
  graphScope?: string;
  entraCaFile?: string;
  sourceAnchor?: string;
  userMatching?: string;
  deleteThreshold?: string;
  initialCycle: boolean;
  json?: boolean;
}

const collect = (v: string, prev: string[]) => [...prev, v];

/** Connects to every directory before anything is saved: a setup whose connector cannot connect is refused. */
async function testDirectories(forests: readonly { name: string; type: string; config: Record<string, unknown> }[]): Promise<void> {
  for (const f of forests) {
    let result;
    try {
      const connector = openConnector(f.type, f.config);
      result = await connector.testConnection({ signal: new AbortController().signal, log: () => {} }).finally(() => connector.close());
    } catch (err) {
      throw new CliError(`Setup failed: ${f.name}: ${(err as Error).message}`);
    }
    if (!result.ok) throw new CliError(`Setup failed: cannot connect to ${f.name}: ${result.message}\nNothing was saved.`);
  }
}

/** Reads a line without echoing it (for a secret typed at the terminal). */
function promptHidden(question: string): string {
  // A synchronous prompt keeps SecretSource simple; only used on an interactive terminal.
  process.stderr.write(question);
  const buf = Buffer.alloc(1);
  let text = '';
  const fd = fs.openSync('/dev/tty', 'rs');
  try {
    if (process.stdin.isTTY) process.stdin.setRawMode(true);
    for (;;) {
      const n = fs.readSync(fd, buf, 0, 1, null);
      if (n === 0 || buf[0] === 13 || buf[0] === 10) break;
      if (buf[0] === 3) throw new CliError('cancelled');
      if (buf[0] === 127) text = text.slice(0, -1);
      else text += buf.toString('utf8');
    }
  } finally {
    if (process.stdin.isTTY) process.stdin.setRawMode(false);
    fs.closeSync(fd);
    process.stderr.write('\n');
  }
  return text;
}

/** Secrets from the environment; on a terminal a missing one is asked for. */
export function secretSource(): SecretSource {
  return {
    secret(envVar, purpose) {
      const v = process.env[envVar];
      if (v) return v;
      if (process.stdin.isTTY && process.platform !== 'win32') {
        const typed = promptHidden(`${purpose} (environment variable ${envVar} is not set): `);
        if (typed) return typed;
      }
      throw new CliError(`Environment variable ${envVar} (${purpose}) is not set`);
    },
    file(p) {
      try {
        return fs.readFileSync(p, 'utf8');
      } catch (err) {
        throw new CliError(`Cannot read ${p}: ${(err as Error).message}`);
      }
    },
  };
}

function inputFromOptions(o: SetupOptions): unknown {
  if (o.config) {
    try {
      return JSON.parse(fs.readFileSync(o.config, 'utf8'));
    } catch (err) {
      throw new CliError(`Cannot read the setup file ${o.config}: ${(err as Error).message}`);
    }
  }
  const missing = [['--ad', o.ad], ['--ad-bind-dn', o.adBindDn], ['--ad-password-env', o.adPasswordEnv], ['--entra-tenant', o.entraTenant],
    ['--entra-client-id', o.entraClientId], ['--entra-secret-env', o.entraSecretEnv]].filter(([, v]) => !v).map(([k]) => k);
  if (missing.length) throw new CliError(`Missing ${missing.join(', ')} (or give --config FILE)`);
  return {
    forests: [{
      url: o.ad, bindDn: o.adBindDn, passwordEnv: o.adPasswordEnv, ...(o.adName ? { name: o.adName } : {}),
      ...(o.adFlavour ? { flavour: o.adFlavour } : {}), ...(o.adCaFile ? { caFile: o.adCaFile } : {}),
      ...(o.tlsServerName ? { tlsServerName: o.tlsServerName } : {}), ous: o.ou,
    }],
    entra: {
      tenant: o.entraTenant, clientId: o.entraClientId, secretEnv: o.entraSecretEnv, ...(o.entraName ? { name: o.entraName } : {}),
      ...(o.authorityHost ? { authorityHost: o.authorityHost } : {}), ...(o.graphBaseUrl ? { graphBaseUrl: o.graphBaseUrl } : {}),
      ...(o.graphScope ? { graphScope: o.graphScope } : {}),
      ...(o.entraCaFile ? { caFile: o.entraCaFile } : {}),
    },
    ...(o.sourceAnchor ? { sourceAnchor: o.sourceAnchor } : {}),
    ...(o.userMatching ? { userMatching: o.userMatching } : {}),
    ...(o.deleteThreshold !== undefined ? { deleteThreshold: o.deleteThreshold === 'off' ? null : Number(o.deleteThreshold) } : {}),
  };
}

/** Registers `idsync setup`. */
export function registerSetup(program: Command): void {
  program
    .command('setup')
    .description('create the Entra Connect default configuration: AD and Entra connectors, metaverse schema and out-of-box rules')
    .option('--config <file>', 'JSON setup file {forests:[{url,bindDn,passwordEnv,name?,ous?}], entra:{tenant,clientId,secretEnv,...}, sourceAnchor?, ...}')
    .option('--ad <ldap-url>', 'AD domain controller, ldap://host or ldaps://host')
    .option('--ad-bind-dn <dn>', 'account the AD connector binds with')
    .option('--ad-password-env <VAR>', 'environment variable holding that account\'s password')
    .option('--ad-name <name>', 'connector name (default: the host name)')
    .option('--ad-flavour <ad|openldap|generic>', 'directory flavour (default ad)')
    .option('--ad-ca-file <pem>', 'CA certificate to trust for the directory')
    .option('--tls-server-name <host>', 'host name the DC certificate names, when --ad gives an address or another name')
    .option('--ou <dn>', 'OU to synchronize (repeatable; default the whole forest)', collect, [])
    .option('--entra-tenant <tenant>', 'tenant id or domain')
    .option('--entra-client-id <guid>', 'application (client) id')
    .option('--entra-secret-env <VAR>', 'environment variable holding the client secret')
    .option('--entra-name <name>', 'connector name (default "<tenant> - AAD")')
    .option('--authority-host <url>', 'sign-in authority (default https://login.microsoftonline.com)')
    .option('--graph-base-url <url>', 'Microsoft Graph base URL (default https://graph.microsoft.com)')
    .option('--graph-scope <scope>', 'scope of Graph tokens, <Graph resource>/.default (default: the Graph of the cloud, e.g. https://graph.microsoft.com/.default)')
    .option('--entra-ca-file <pem>', 'CA certificate to trust for the authority and Graph')
    .option('--source-anchor <attr>', 'objectGUID or ms-DS-ConsistencyGuid (default ms-DS-ConsistencyGuid); chosen once')
    .option('--user-matching <mode>', 'unique (users represented once) or objectSid (account/resource forests)')
    .option('--delete-threshold <n|off>', 'deletion threshold of the Entra connector (default 500)')
    .option('--no-initial-cycle', 'do not ask the scheduler for an initial cycle')
    .option('--json', 'print JSON')
    .action(async (opts: SetupOptions) => {
      const home = resolveHome(program.opts<{ home?: string }>().home);
      let input;
      try {
        input = parseSetupInput(inputFromOptions(opts));
      } catch (err) {
        throw err instanceof CliError ? err : new CliError((err as Error).message);
      }
      const specs = connectorSpecs(input, secretSource());
      // The first cycle would stop on a refused sign-in or connection: test them now, before anything is written.
      const signIn = await testEntraSignIn(specs.entra.config);
      if (!signIn.ok) throw new CliError(`Setup stopped, nothing was written: cannot sign in to Microsoft Entra ID (${specs.entra.name}): ${signIn.message}${signIn.detail ? `\n${signIn.detail}` : ''}`);
      if (!opts.json) process.stderr.write(`${signIn.message}\n`);
      await testDirectories(specs.forests);
      fs.mkdirSync(home, { recursive: true });
      const engine = SyncEngine.open(path.join(home, 'idsync.sqlite'));
      let result;
      const warnings: string[] = [];
      try {
        result = applyDefaultConfiguration(engine, specs);
        // The OU selection is recorded with each OU's objectGUID, so a renamed OU is found before a full import.
        for (const c of result.connectors) {
          const rec = engine.store.connectors.find(c.id);
          if (!rec || rec.type !== 'ldap') continue;
          const filtered = [rec.config.includeContainers, rec.config.excludeContainers].some((l) => Array.isArray(l) && l.length > 0);
          if (!filtered) continue;
          try {
            await recordOuSelection(home, rec);
          } catch (err) {
            warnings.push(`${rec.name}: the OU selection could not be recorded (${(err as Error).message}); renamed OUs will not be detected`);
          }
        }
      } catch (err) {
        throw new CliError(`Setup failed: ${(err as Error).message}`);
      } finally {
        engine.close();
      }
      for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
      if (opts.initialCycle) new SettingsFile(home).update((s) => ({ ...s, nextSyncCyclePolicyType: 'Initial' }));
      report(opts, { ...result, initialCycleRequested: opts.initialCycle, warnings }, (r) => [
        ...r.connectors.map((c) => `${c.action} connector ${c.name} (${c.type})`),
        `metaverse schema: ${r.schema.objectTypes} object types, ${r.schema.attributes} attributes`,
        `rules: ${r.rules.saved} saved, ${r.rules.disabled.length} disabled (see their descriptions)`,
        r.initialCycleRequested ? 'the next sync cycle will be an initial one (full import, full sync, export)' : '',
      ].filter(Boolean).join('\n'));
    });
}
