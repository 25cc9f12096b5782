// The crash campaign: CLI runs of import, synchronization and export are SIGKILLed at random points (as they
// report progress, and the instant a target took a write the engine has not recorded), round after round
// while the HR source changes. After each kill the database must pass `PRAGMA integrity_check` and the killed
// profile is run again. At the end every target must hold what an uninterrupted run of the same rounds
// delivered: nothing lost, nothing delivered twice, nothing corrupt.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../engine/store/store.ts';
import { storeLocation } from '../../engine/store/store-location.ts';
import { startCli, runCli } from '../../engine/sync/cli-bundle.ts';
import { SyncEngine } from '../../engine/sync/engine.ts';
import { startSlapd, ldapAddText, type SlapdInstance } from '../env/slapd/index.ts';
import { startEntraEmulator, generateTestPki, type EntraEmulator } from '../env/entra-emulator/index.ts';
import { fileKillSwitch, graphKillSwitch, ldapKillProxy, type WriteTrigger } from './kill-switch.ts';
import { csvState, diffStates, entraState, ldapState, ldifState, type TargetDiff, type TargetState } from './target-state.ts';
import { createWorkspace, ENTRA_PROPERTIES, LDAP_ATTRIBUTES, phaseOf, roundSteps, writeHr, type TargetKind, type Workspace } from './workspace.ts';
import { seededRandom } from '../../engine/model/seeded-random.ts';

export interface CampaignOptions {
  /** HR people in the first round (each round adds about 5 %). */
  readonly people: number;
  /** SIGKILLs to reach (the campaign runs rounds until it has them). */
  readonly kills: number;
  readonly targets: readonly TargetKind[];
  /** Scratch directory (the campaign's workspaces and servers live below it). */
  readonly dir: string;
  /** The bundled CLI (engine/sync/cli-bundle.ts). */
  readonly cliFile: string;
  /** Seed of the random kill points, for a reproducible campaign. */
  readonly seed?: number;
  readonly log?: (message: string) => void;
  readonly progress?: (kills: number, wanted: number) => void;
}

export interface TargetReport extends TargetDiff {
  /** Objects whose export the target refused during the campaign, by error code (a replayed add answers "exists"). */
  readonly exportErrors: Record<string, number>;
  /** One message per error code, for the report. */
  readonly exportErrorExamples: Record<string, string>;
}

export interface CampaignResult {
  readonly seed: number;
  readonly rounds: number;
  readonly attempts: number;
  readonly kills: number;
  readonly killsByPhase: Record<'import' | 'sync' | 'export', number>;
  readonly killsAtWrite: Partial<Record<TargetKind, number>>;
  readonly killsByStep: Record<string, number>;
  /** Databases that failed `PRAGMA integrity_check` after a kill (with the check's answer). */
  readonly integrityFailures: readonly string[];
  /** Reruns after a kill that did not complete. */
  readonly failedReruns: readonly string[];
  readonly targets: Partial<Record<TargetKind, TargetReport>>;
  readonly metaverse: TargetDiff;
  /** Temporary files a killed export left beside its target. */
  readonly leftoverTempFiles: readonly string[];
  readonly seconds: number;
}

const COMPLETED = /^(success|completed)/;

/** Runs one profile in a CLI process and kills it as the trigger or the timer decides; true when it died of SIGKILL. */
function attempt(cliFile: string, ws: Workspace, connector: string, profile: string, kill: { trigger: WriteTrigger; after: number } | { delayMs: number }): Promise<boolean> {
  return new Promise((resolve) => {
    const child = startCli(cliFile, ws.home, ['run', connector, profile, '--json']);
    let timer: NodeJS.Timeout | null = null;
    if ('trigger' in kill) kill.trigger.arm(child.pid!, kill.after);
    else {
      child.stderr!.on('data', () => {
        timer ??= setTimeout(() => child.kill('SIGKILL'), kill.delayMs);
      });
    }
    child.stdout!.resume();
    child.on('exit', (_code, signal) => {
      if (timer) clearTimeout(timer);
      if ('trigger' in kill) kill.trigger.disarm();
      resolve(signal === 'SIGKILL');
    });
  });
}

/** SQLite's own check of the file; on PostgreSQL (whose server guarantees its pages) that every link and reference row points at an object. */
function integrity(database: string): string {
  if (storeLocation(database).kind === 'postgres') {
    const store = openStore(database);
    try {
      const dangling = store.db
        .prepare('SELECT (SELECT count(*) FROM cs_objects c WHERE c.mv_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM mv_objects m WHERE m.id = c.mv_id)) + (SELECT count(*) FROM cs_refs r WHERE NOT EXISTS (SELECT 1 FROM cs_objects c WHERE c.id = r.from_id)) AS n')
        .pluck()
        .get() as number;
      return dangling === 0 ? 'ok' : `${dangling} link or reference row(s) point at no object`;
    } finally {
      store.close();
    }
  }
  const db = new Database(database, { readonly: true, fileMustExist: true });
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}

/** Runs the round's profiles in-process without interruption (the reference, and the final settling of both). */
async function runRound(ws: Workspace): Promise<void> {
  const engine = SyncEngine.open(ws.database);
  try {
    for (const [c, p] of roundSteps(ws)) await engine.run(c, p, { startedBy: 'crash campaign', stopStatus: 'stopped-user-termination-from-cli' });
  } finally {
    engine.close();
  }
}

/** Objects whose export the target refused, by code, with one message per code. */
function exportErrors(database: string, connector: string): Pick<TargetReport, 'exportErrors' | 'exportErrorExamples'> {
  const store = openStore(database);
  const db = store.db;
  try {
    const rows = db.prepare(
      `SELECT c.name AS code, count(DISTINCT coalesce(CAST(o.cs_id AS TEXT), o.dn)) AS n, max(o.error) AS example FROM run_objects o JOIN runs r ON r.id = o.run_id
       JOIN run_steps s ON s.run_id = o.run_id AND s.step = o.step JOIN names c ON c.id = o.counter
       WHERE r.connector_name = ? AND s.type = 'export' AND o.error IS NOT NULL GROUP BY c.name`,
    ).all(connector) as { code: string; n: number; example: string }[];
    return {
      exportErrors: Object.fromEntries(rows.map((r) => [r.code, r.n])),
      exportErrorExamples: Object.fromEntries(rows.map((r) => [r.code, (JSON.parse(r.example) as { message: string }).message])),
    };
  } finally {
    store.close();
  }
}

function metaverseState(ws: Workspace): TargetState {
  const engine = SyncEngine.open(ws.database);
  try {
    const items = engine.store.mv.search(undefined, [], null, 1_000_000).items;
    return { lines: items.map((o) => JSON.stringify(Object.entries(o.attrs).sort())), corrupt: 0 };
  } finally {
    engine.close();
  }
}

/** Runs the campaign; starts (and stops) the servers its targets need. */
export async function runCrashCampaign(o: CampaignOptions): Promise<CampaignResult> {
  const started = Date.now();
  const seed = o.seed ?? Math.floor(Math.random() * 2 ** 31);
  const rand = seededRandom(seed);
  const log = o.log ?? (() => {});
  log(`crash campaign: seed ${seed}, ${o.people} people, ${o.kills} kills, targets ${o.targets.join(', ')}`);
  const closers: (() => Promise<void>)[] = [];
  try {
    let slapd: SlapdInstance | undefined;
    const emulators: EntraEmulator[] = [];
    if (o.targets.includes('ldap')) {
      slapd = await startSlapd();
      closers.push(() => slapd!.dispose());
      await ldapAddText(slapd, ['crashed', 'reference'].map((ou) => `dn: ou=${ou},${slapd!.suffix}\nobjectClass: organizationalUnit\nou: ${ou}\n`).join('\n'));
    }
    if (o.targets.includes('entra')) {
      const pki = generateTestPki();
      for (let i = 0; i < 2; i++) {
        const emu = await startEntraEmulator({ pki });
        emulators.push(emu);
        closers.push(() => emu.stop());
      }
    }
    const proxy = slapd ? await ldapKillProxy(slapd.port) : undefined;
    if (proxy) closers.push(() => proxy.close());
    const ldapOf = (url: string, ou: string) => (slapd ? { url, bindDn: slapd.bindDn, password: slapd.password, base: `ou=${ou},${slapd.suffix}` } : undefined);
    const crashed = createWorkspace(path.join(o.dir, 'crashed'), o.targets, { ldap: ldapOf(proxy?.url ?? '', 'crashed'), entra: emulators[0] });
    const reference = createWorkspace(path.join(o.dir, 'reference'), o.targets, { ldap: ldapOf(slapd?.url ?? '', 'reference'), entra: emulators[1] });

    const triggers: Partial<Record<TargetKind, WriteTrigger>> = {};
    if (proxy) triggers.ldap = proxy;
    if (emulators[0]) triggers.entra = graphKillSwitch(emulators[0]);
    if (o.targets.includes('ldif')) triggers.ldif = fileKillSwitch(crashed.base, path.basename(crashed.ldifFile));
    if (o.targets.includes('csv')) triggers.csv = fileKillSwitch(crashed.base, path.basename(crashed.csvFile));
    for (const t of Object.values(triggers)) if (t !== proxy) closers.push(() => t.close());

    const killsByPhase = { import: 0, sync: 0, export: 0 };
    const killsAtWrite: Partial<Record<TargetKind, number>> = {};
    const killsByStep: Record<string, number> = {};
    const integrityFailures: string[] = [];
    const failedReruns: string[] = [];
    let kills = 0;
    let attempts = 0;
    let round = 0;
    const maxRounds = Math.max(20, o.kills * 2);
    for (; kills < o.kills && round < maxRounds; round++) {
      writeHr(crashed, o.people, round);
      for (const [connector, profile] of roundSteps(crashed)) {
        const target = connector as TargetKind;
        const trigger = profile === 'Export' ? triggers[target] : undefined;
        const atWrite = trigger !== undefined && rand() < 0.5;
        // A write trigger picks one of the writes of the step; small objects counts give files a few batches.
        const writes = target === 'ldif' || target === 'csv' ? 2 : Math.max(2, Math.round(o.people / 10));
        attempts++;
        const killed = await attempt(o.cliFile, crashed, connector, profile, atWrite ? { trigger, after: 1 + Math.floor(rand() * writes) } : { delayMs: Math.floor(rand() * 80) });
        if (!killed) continue;
        kills++;
        killsByPhase[phaseOf(profile)]++;
        killsByStep[`${connector}/${profile}`] = (killsByStep[`${connector}/${profile}`] ?? 0) + 1;
        if (atWrite) killsAtWrite[target] = (killsAtWrite[target] ?? 0) + 1;
        o.progress?.(kills, o.kills);
        const check = integrity(crashed.database);
        if (check !== 'ok') integrityFailures.push(`after kill ${kills} (${connector}/${profile}): ${check}`);
        const rerun = await runCli(o.cliFile, crashed.home, ['run', connector, profile, '--json']);
        let status = '';
        try {
          status = (JSON.parse(rerun.stdout) as { status: string }).status;
        } catch {
          status = `no result (${rerun.stderr.trim().split('\n').pop()})`;
        }
        if (!COMPLETED.test(status)) failedReruns.push(`${connector}/${profile} after kill ${kills}: ${status}`);
      }
    }
    log(`crash campaign: ${kills} kills in ${attempts} attempts over ${round} rounds; running the reference`);
    for (let r = 0; r < round; r++) {
      writeHr(reference, o.people, r);
      await runRound(reference);
    }
    // Both settle: two more rounds of the last data confirm every export.
    for (const ws of [crashed, reference]) for (let i = 0; i < 2; i++) await runRound(ws);

    const targets: Partial<Record<TargetKind, TargetReport>> = {};
    const state = async (ws: Workspace, t: TargetKind, emu: EntraEmulator | undefined, ldapUrl: string | undefined, ou: string): Promise<TargetState> => {
      if (t === 'ldif') return ldifState(ws.ldifFile);
      if (t === 'csv') return csvState(ws.csvFile);
      if (t === 'ldap') return ldapState(ldapUrl!, slapd!.bindDn, slapd!.password, `ou=${ou},${slapd!.suffix}`, LDAP_ATTRIBUTES);
      return entraState(emu!, ENTRA_PROPERTIES);
    };
    for (const t of crashed.targets) {
      const want = await state(reference, t, emulators[1], slapd?.url, 'reference');
      const got = await state(crashed, t, emulators[0], slapd?.url, 'crashed');
      targets[t] = { ...diffStates(want, got), ...exportErrors(crashed.database, t) };
      if (want.lines.length === 0) throw new Error(`the reference run delivered nothing to ${t}: the campaign cannot compare`);
    }
    const leftoverTempFiles = fs.readdirSync(crashed.base).filter((f) => f.endsWith('.tmp'));
    const result: CampaignResult = {
      seed, rounds: round, attempts, kills, killsByPhase, killsAtWrite, killsByStep, integrityFailures, failedReruns, targets,
      metaverse: diffStates(metaverseState(reference), metaverseState(crashed)), leftoverTempFiles, seconds: Math.round((Date.now() - started) / 1000),
    };
    log(`crash campaign: ${JSON.stringify(result)}`);
    return result;
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
  }
}
