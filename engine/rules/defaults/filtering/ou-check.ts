// The rename trap against a live forest: the OU selection (DN + objectGUID) is recorded in the data
// directory when it is made, and before a full import every organizational unit of the forest is read
// (outside the OU filter, OUs only) to find selected OUs under their new names.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { openConnector } from '../../../connectors/registry.ts';
import type { ConnectorRecord } from '../../../store/connector-store.ts';
import type { SyncEngine } from '../../../sync/engine.ts';
import { checkOuRenames, type DirectoryContainer, type RenameReport, type SelectedOu } from './ou-rename.ts';
import { normalizeDn } from './ou-scope.ts';

export const OU_SELECTION_FILE = 'ou-selection.json';

const Selection = z.record(z.string(), z.array(z.object({ dn: z.string(), objectGuid: z.string(), kind: z.enum(['include', 'exclude']) })));

function selectionFile(home: string): string {
  return path.join(home, OU_SELECTION_FILE);
}

function readAll(home: string): Record<string, SelectedOu[]> {
  try {
    return Selection.parse(JSON.parse(fs.readFileSync(selectionFile(home), 'utf8')));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new Error(`${selectionFile(home)} is damaged (${(err as Error).message}); record the OU selection again with setup.`);
  }
}

/** The recorded OU selection of a connector (empty when none was recorded). */
export function recordedSelection(home: string, connectorId: string): SelectedOu[] {
  return readAll(home)[connectorId] ?? [];
}

/** Every organizational unit of the connector's directory with its objectGUID, ignoring the OU filter. */
export async function directoryOus(connector: ConnectorRecord): Promise<DirectoryContainer[]> {
  const config = { ...connector.config, includeContainers: [], excludeContainers: [], objectTypes: [{ name: 'organizationalUnit', objectClasses: ['organizationalUnit'] }], attributes: ['objectGUID', 'ou'] };
  const client = openConnector(connector.type, config);
  const out: DirectoryContainer[] = [];
  try {
    const it = client.importFull({}, { signal: new AbortController().signal, log: () => {} });
    for (;;) {
      const r = await it.next();
      if (r.done) break;
      for (const c of r.value.changes) if (c.kind === 'object') out.push({ dn: c.object.dn, objectGuid: c.object.anchor });
    }
  } finally {
    await client.close().catch(() => {});
  }
  return out;
}

/** Records the connector's current OU filter with the objectGUID of each OU (call when the selection is made). */
export async function recordOuSelection(home: string, connector: ConnectorRecord): Promise<SelectedOu[]> {
  const ous = await directoryOus(connector);
  const byDn = new Map(ous.map((o) => [normalizeDn(o.dn), o]));
  const pick = (dns: unknown, kind: SelectedOu['kind']): SelectedOu[] =>
    (Array.isArray(dns) ? dns : []).map((dn) => {
      const found = byDn.get(normalizeDn(String(dn)));
      if (!found) throw new Error(`${connector.name}: the selected container "${String(dn)}" is not an organizational unit of the directory`);
      return { dn: found.dn, objectGuid: found.objectGuid, kind };
    });
  const selection = [...pick(connector.config.includeContainers, 'include'), ...pick(connector.config.excludeContainers, 'exclude')];
  const all = readAll(home);
  all[connector.id] = selection;
  fs.writeFileSync(selectionFile(home), `${JSON.stringify(all, null, 2)}\n`);
  return selection;
}

/** Checks a connector's recorded OU selection against its directory before a full import. */
export async function checkConnectorOus(home: string, engine: SyncEngine, connector: ConnectorRecord): Promise<RenameReport> {
  const selection = recordedSelection(home, connector.id);
  if (selection.length === 0) return { findings: [], blocksFullImport: false, repairedSelection: [] };
  const dns: string[] = [];
  for (let after = 0; ;) {
    const page = engine.store.cs.page(connector.seq, 'all', after, 1000);
    if (page.length === 0) break;
    for (const o of page) dns.push(o.dn);
    after = page[page.length - 1].id;
  }
  return checkOuRenames(selection, await directoryOus(connector), dns);
}
