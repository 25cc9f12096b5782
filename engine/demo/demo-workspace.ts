// Creates the demo workspace: sample files, the demo configuration, and a few runs already done,
// so a newcomer sees every tab of the console working without a directory at hand.
import fs from 'node:fs';
import path from 'node:path';
import type { MethodName, RequestOf, ResponseOf } from '../../shared/api.ts';
import type { DemoSummary } from '../../shared/api/workspace.ts';
import { demoGroupSpecs, demoGroupsJsonText, demoUserStream, demoUsersCsvText, type DemoUser } from './demo-data.ts';
import { DEMO_CONNECTORS, demoConfig } from './demo-config.ts';

/** Calls the engine's API (in-process or through a worker). */
export type ApiCall = <M extends MethodName>(method: M, request: RequestOf<M>) => Promise<ResponseOf<M>>;

export interface DemoOptions {
  readonly users?: number;
  readonly onStep?: (message: string) => void;
}


/** Waits until a run has finished and returns its status. */
async function runToEnd(call: ApiCall, connector: string, profile: string): Promise<string> {
  const { runId } = await call('runs.start', { connector, profile });
  for (;;) {
    const run = await call('runs.get', { runId });
    if (run.status !== 'in-progress') return run.status;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Yesterday's HR feed becomes today's: a few promotions, leavers and joiners for the delta runs. Joiners take
 * the identifiers after the last user's, so no size of demo makes them clash with an existing employee.
 */
export function* nextDayUserStream(users: Iterable<DemoUser>, count: number): Generator<DemoUser> {
  let i = 0;
  for (const u of users) {
    if (i % 200 !== 150) yield i % 40 === 7 ? { ...u, title: `Senior ${u.title}` } : u;
    i++;
  }
  let j = 0;
  for (const u of demoUserStream(count + 5, 43)) if (j++ >= count) yield u;
}

/** `nextDayUserStream` as a list. */
export function nextDayUsers(users: readonly DemoUser[]): DemoUser[] {
  return [...nextDayUserStream(users, users.length)];
}

/** Writes text pieces to a file in large writes, never holding the whole text. */
async function writePieces(file: string, pieces: Iterable<string>): Promise<void> {
  function* chunks(): Generator<string> {
    let buf = '';
    for (const p of pieces) {
      buf += p;
      if (buf.length >= 64 * 1024) {
        yield buf;
        buf = '';
      }
    }
    if (buf) yield buf;
  }
  await fs.promises.writeFile(file, chunks());
}

/** Builds the demo in `home`: refuses when the data directory already holds a configuration. */
export async function createDemoWorkspace(call: ApiCall, home: string, options: DemoOptions = {}): Promise<DemoSummary> {
  const step = options.onStep ?? (() => {});
  const existing = await call('connectors.list', {});
  if (existing.length > 0) throw new Error(`The data directory ${home} already has ${existing.length} connectors; the demo needs an empty one`);
  const dir = path.join(home, 'demo');
  fs.mkdirSync(dir, { recursive: true });
  const users = options.users ?? 1000;
  const groups = demoGroupSpecs(users);
  await writePieces(path.join(dir, 'hr-users.csv'), demoUsersCsvText(demoUserStream(users)));
  await writePieces(path.join(dir, 'groups.json'), demoGroupsJsonText(groups));
  fs.writeFileSync(path.join(dir, 'directory.json'), '[]\n');
  step(`wrote ${users} users and ${groups.length} groups to ${dir}`);

  const imported = await call('config.import', { document: demoConfig(dir) });
  if (!imported.ok) throw new Error(`The demo configuration was refused: ${imported.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);

  const runs: { connector: string; profile: string; status: string }[] = [];
  const run = async (connector: string, profile: string) => {
    step(`${connector}: ${profile}`);
    runs.push({ connector, profile, status: await runToEnd(call, connector, profile) });
  };
  await run(DEMO_CONNECTORS.hr, 'Full Import');
  await run(DEMO_CONNECTORS.groups, 'Full Import');
  await run(DEMO_CONNECTORS.directory, 'Full Import');
  await run(DEMO_CONNECTORS.hr, 'Full Synchronization');
  await run(DEMO_CONNECTORS.groups, 'Full Synchronization');
  await run(DEMO_CONNECTORS.directory, 'Export');
  await run(DEMO_CONNECTORS.directory, 'Full Import');
  // The import confirms the export; synchronizing it makes the directory's holograms what was exported, so
  // the next changes export as differences against them rather than as whole objects.
  await run(DEMO_CONNECTORS.directory, 'Delta Synchronization');
  await writePieces(path.join(dir, 'hr-users.csv'), demoUsersCsvText(nextDayUserStream(demoUserStream(users), users)));
  await run(DEMO_CONNECTORS.hr, 'Delta Import');
  await run(DEMO_CONNECTORS.hr, 'Delta Synchronization');
  return { directory: dir, users, groups: groups.length, runs };
}
