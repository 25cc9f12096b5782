// Reads an exported server configuration folder: `Connectors/`, `GlobalSettings/MV.xml` and
// `SynchronizationRules/` (every *.xml, whatever its name), plus MigratedPolicy.json when MigrateSettings.ps1
// wrote the folder. A missing part or an unreadable connector or metaverse file is an error naming it; an
// unreadable rule file is set aside and reported, the others are still read.
import fs from 'node:fs';
import path from 'node:path';
import type { ExportConnector, ExportRule, ServerExport } from './export-model.ts';
import { readExportText } from './export-text.ts';
import { parseXml } from './export-xml.ts';
import { parseConnector } from './parse-connector.ts';
import { parseMetaverse } from './parse-metaverse.ts';
import { parseRule, RuleFileError } from './parse-rule.ts';

/** What went wrong reading the folder (the message names the missing or damaged part). */
export class ExportFolderError extends Error {
  override readonly name = 'ExportFolderError';
}

const JSON_HINT = 'IdSync reads the XML folder that Get-ADSyncServerConfiguration writes: on the Entra Connect server run ' +
  '`Get-ADSyncServerConfiguration -Path C:\\Export` (module ADSyncTools/ADSync) or Tools\\MigrateSettings.ps1, and give that folder';

/** The entry of `dir` named `name`, case-insensitively (exports come from Windows), or null. */
function entry(dir: string, name: string): string | null {
  const found = fs.readdirSync(dir).find((n) => n.toLowerCase() === name.toLowerCase());
  return found ? path.join(dir, found) : null;
}

function xmlFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter((n) => n.toLowerCase().endsWith('.xml')).sort().map((n) => path.join(dir, n));
}

function isDir(p: string | null): p is string {
  return p !== null && fs.statSync(p).isDirectory();
}

/** Flattens MigratedPolicy.json's metadata objects into `section.key → text`. */
function policyMetadata(file: string, count: (e: string) => void): Record<string, string> {
  const { text, encoding } = readExportText(file);
  count(encoding);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ExportFolderError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  const out: Record<string, string> = {};
  for (const [section, value] of Object.entries(json as Record<string, unknown>)) {
    if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[`${section}.${k}`] = v;
  }
  return out;
}

/**
 * A connector file without its `<schema>` element: the connected directory's DSML schema is megabytes that no
 * mapping reads (parsing it took seconds), and a damaged schema must not stop an import that does not use it.
 */
function withoutDirectorySchema(text: string): string {
  return text.replace(/<schema(\s[^>]*)?>[\s\S]*?<\/schema>/, '<schema/>');
}

/** Reads the folder (see the file comment for what is an error). */
export function readServerExport(folder: string): ServerExport {
  const root = path.resolve(folder);
  if (!fs.existsSync(root)) throw new ExportFolderError(`${root}: no such folder`);
  if (!fs.statSync(root).isDirectory()) {
    if (/\.json$/i.test(root)) throw new ExportFolderError(`${root} is a JSON settings file; ${JSON_HINT}`);
    throw new ExportFolderError(`${root} is a file, not an exported configuration folder; ${JSON_HINT}`);
  }
  const connectorsDir = entry(root, 'Connectors');
  const rulesDir = entry(root, 'SynchronizationRules');
  const globalDir = entry(root, 'GlobalSettings');
  const mvFile = isDir(globalDir) ? entry(globalDir, 'MV.xml') : null;
  const missing = [
    isDir(connectorsDir) ? null : 'Connectors/',
    mvFile ? null : 'GlobalSettings/MV.xml',
    isDir(rulesDir) ? null : 'SynchronizationRules/',
  ].filter((m): m is string => m !== null);
  if (missing.length) {
    const policies = fs.readdirSync(root).filter((n) => /SynchronizationPolicy.*\.json$/i.test(n));
    const hint = policies.length ? ` It holds ${policies.join(', ')}, the wizard's JSON settings; ${JSON_HINT}.` : ` ${JSON_HINT}.`;
    throw new ExportFolderError(`${root}: not a complete Entra Connect configuration export, missing ${missing.join(', ')}.${hint}`);
  }

  const encodings: Record<string, number> = {};
  const count = (e: string) => { encodings[e] = (encodings[e] ?? 0) + 1; };
  const read = (file: string, prepare: (text: string) => string = (t) => t) => {
    const { text, encoding } = readExportText(file);
    count(encoding);
    return parseXml(prepare(text), file);
  };

  const connectors: ExportConnector[] = xmlFiles(connectorsDir!).map((f) => parseConnector(read(f, withoutDirectorySchema), f));
  const seen = new Map<string, string>();
  for (const c of connectors) {
    const other = seen.get(c.id);
    if (other) throw new ExportFolderError(`${c.file}: connector id ${c.id} is also used by ${other}`);
    seen.set(c.id, c.file);
  }
  if (connectors.length === 0) throw new ExportFolderError(`${connectorsDir}: no connector files (*.xml)`);

  const rules: ExportRule[] = [];
  const unreadableRules: ServerExport['unreadableRules'][number][] = [];
  for (const f of xmlFiles(rulesDir!)) {
    try {
      rules.push(parseRule(read(f), f));
    } catch (err) {
      unreadableRules.push({ file: f, name: err instanceof RuleFileError ? err.ruleName : '', message: (err as Error).message });
    }
  }
  const metaverse = parseMetaverse(read(mvFile!), mvFile!);
  const policy = entry(root, 'MigratedPolicy.json');
  return {
    folder: root,
    layout: policy || entry(root, 'PersistedState.xml') ? 'migrate-settings' : 'server-configuration',
    connectors,
    rules,
    unreadableRules,
    metaverse,
    encodings,
    policyMetadata: policy ? policyMetadata(policy, count) : null,
  };
}
