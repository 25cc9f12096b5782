// Scenario (a): file sources (an HR CSV and a directory JSON) → an LDIF target and a CSV target.
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { dn } from './dn.ts';
import { filesConfig } from './files-config.ts';
import { expectFiles, CSV_TARGET, LDIF_TARGET } from './model-files.ts';
import { csvFingerprint, readCsvTarget } from './csv-target.ts';
import { replayLdif } from './ldif-replay.ts';
import type { Scenario } from './scenario.ts';
import type { SourceShape, SourceState } from './source-state.ts';

const HR_COLUMNS = ['employeeId', 'cn', 'givenName', 'sn', 'department', 'title', 'status', 'manager'] as const;
const ROSTER_COLUMNS = ['dn', 'employeeNumber', 'cn', 'department', 'title', 'mail', 'manager'];

/** HR rows are named by the connector's DN template; accounts and groups carry their DN in the file. */
export const filesShape: SourceShape = {
  scenario: 'files',
  personDn: (p) => dn(['employeeId', p.employeeId], ['ou', 'hr']),
  groupDn: (cn) => dn(['cn', cn], ['ou', 'groups'], ['o', 'dir']),
  accountDn: (login, site) => dn(['uid', login], ['ou', site], ['o', 'dir']),
  siteDn: (site) => dn(['ou', site], ['o', 'dir']),
  personAttributes: () => ({}),
  groupAttributes: () => ({}),
};

function writeHr(file: string, state: SourceState): void {
  const rows = [...state.persons.values()].map((p) => HR_COLUMNS.map((c) => p[c] ?? ''));
  fs.writeFileSync(file, stringify([[...HR_COLUMNS], ...rows]));
}

function writeDirectory(file: string, state: SourceState): void {
  const rank = (key: string) => state.order.get(key) ?? 0;
  const objects = [
    ...[...state.accounts.values()].map((a) => ({
      rank: rank(a.key), json: { id: a.key, dn: a.dn, objectType: 'person', employeeId: a.employeeId, mail: a.mail, jobTitle: a.jobTitle },
    })),
    ...[...state.groups.values()].map((g) => ({
      rank: rank(g.key), json: { id: g.key, dn: g.dn, objectType: 'group', cn: g.cn, description: g.description, member: g.member.length > 0 ? g.member : undefined },
    })),
  ].sort((x, y) => x.rank - y.rank);
  fs.writeFileSync(file, `[\n${objects.map((o) => JSON.stringify(o.json)).join(',\n')}\n]\n`);
}

/** Creates the scenario's files in `dir`: sources written by each step, empty targets, the configuration. */
export async function createFilesScenario(dir: string): Promise<Scenario> {
  const paths = {
    hr: path.join(dir, 'hr.csv'),
    directory: path.join(dir, 'directory.json'),
    ldif: path.join(dir, 'people.ldif'),
    roster: path.join(dir, 'roster.csv'),
  };
  const configFile = path.join(dir, 'idsync-config.json');
  fs.writeFileSync(configFile, JSON.stringify(filesConfig(paths), null, 2));
  // The targets exist before the first cycle, as files handed over empty (the cycle imports them first).
  fs.writeFileSync(paths.ldif, 'version: 1\n');
  fs.writeFileSync(paths.roster, `${ROSTER_COLUMNS.join(',')}\n`);
  fs.writeFileSync(paths.hr, `${HR_COLUMNS.join(',')}\n`);
  fs.writeFileSync(paths.directory, '[]\n');
  return {
    name: 'files',
    shape: filesShape,
    configFile,
    async writeStep(_step, state) {
      writeHr(paths.hr, state);
      writeDirectory(paths.directory, state);
    },
    expected: (state) => expectFiles(state, filesShape),
    async readTargets() {
      return [replayLdif(LDIF_TARGET, fs.readFileSync(paths.ldif, 'utf8')), readCsvTarget(CSV_TARGET, paths.roster)];
    },
    async fingerprint() {
      return { [LDIF_TARGET]: `${fs.statSync(paths.ldif).size} bytes`, [CSV_TARGET]: csvFingerprint(paths.roster) };
    },
    describeWrites(before, after) {
      const out: string[] = [];
      const from = Number.parseInt(before[LDIF_TARGET], 10);
      const to = Number.parseInt(after[LDIF_TARGET], 10);
      if (from !== to) {
        const appended = fs.readFileSync(paths.ldif).subarray(from).toString('utf8');
        const records = appended.split(/\n\n+/).filter((r) => r.trim() !== '');
        out.push(`${LDIF_TARGET}: ${to - from} bytes appended (${records.length} records), first: ${JSON.stringify(records[0]?.split('\n').slice(0, 4).join(' | '))}`);
      }
      if (before[CSV_TARGET] !== after[CSV_TARGET]) out.push(`${CSV_TARGET}: the file was rewritten (${before[CSV_TARGET]} → ${after[CSV_TARGET]})`);
      return out;
    },
    async close() {},
  };
}
