// Data for the console specs: API calls through the signed-in page, and a small HR workspace made through the API.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { MethodName, RequestOf, ResponseOf } from '../../shared/api.ts';
import { WEB_TOKEN_STORAGE_KEY } from '../../shared/api/transport.ts';

/** An API failure as the host reports it. */
export interface ApiFailure {
  readonly code: string;
  readonly message: string;
}

/** Calls an API method over the console's own WebSocket (same origin, with the token the page holds). */
export async function callApi<M extends MethodName>(page: Page, method: M, request: RequestOf<M>): Promise<ResponseOf<M>> {
  const outcome = await page.evaluate(
    ([m, r, key]) =>
      new Promise<{ ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }>((resolve) => {
        const ws = new WebSocket(`ws://${location.host}/api?token=${encodeURIComponent(sessionStorage.getItem(key) ?? '')}`);
        ws.onerror = () => resolve({ ok: false, error: { code: 'host-unreachable', message: 'WebSocket failed' } });
        ws.onopen = () => ws.send(JSON.stringify({ id: 1, method: m, request: r }));
        ws.onmessage = (ev) => {
          const msg = JSON.parse(String(ev.data)) as { id?: number; ok: boolean; value?: unknown; error?: { code: string; message: string } };
          if (msg.id !== 1) return;
          ws.close();
          resolve(msg.ok ? { ok: true, value: msg.value } : { ok: false, error: msg.error! });
        };
      }),
    [method, request, WEB_TOKEN_STORAGE_KEY] as const,
  );
  if (!outcome.ok) throw Object.assign(new Error(`${method}: ${outcome.error.message}`), { code: outcome.error.code });
  return outcome.value as ResponseOf<M>;
}

export const HR = 'HR';
export const PEOPLE = 40;

/** One person of the HR feed: anchor (employeeID), DN and attributes. */
export interface Person {
  readonly anchor: string;
  readonly dn: string;
  readonly attributes: Record<string, string>;
}

/** The HR people: PEOPLE persons; surnames cycle every 4, every 3rd is a manager. */
export function hrPeople(): Person[] {
  const people: Person[] = [];
  for (let i = 1; i <= PEOPLE; i++) {
    const sn = ['Smith', 'Lee', 'Garcia', 'Nguyen'][i % 4];
    const displayName = `Person ${i} ${sn}`;
    const attributes = { employeeID: String(1000 + i), displayName, givenName: `Person${i}`, sn, mail: `p${i}@example.test`, title: i % 3 ? 'Clerk' : 'Manager' };
    people.push({ anchor: attributes.employeeID, dn: `CN=${displayName},OU=People,O=HR`, attributes });
  }
  return people;
}

/** The HR feed as a CSV file for the file connector. */
export function hrCsv(): string {
  const cols = ['employeeID', 'displayName', 'givenName', 'sn', 'mail', 'title'];
  return `${[cols.join(','), ...hrPeople().map((p) => cols.map((c) => p.attributes[c]).join(','))].join('\n')}\n`;
}

/** A secret in the connector configuration that must never reach the console unmasked. */
export const HR_SECRET = 'console-spec-secret-7f3a';

/** The HR connector: the file connector over a CSV file. */
export function hrConnector(home: string): { type: string; config: Record<string, unknown> } {
  const csvPath = path.join(home, 'hr.csv');
  fs.writeFileSync(csvPath, hrCsv());
  return { type: 'file', config: { format: 'csv', path: csvPath, anchor: 'employeeID', objectType: 'person', dnTemplate: 'CN={displayName},OU=People,O=HR' } };
}

/** The configuration document: person schema, the HR connector and an inbound provisioning rule. */
export function hrConfig(connector: { type: string; config: Record<string, unknown> }): unknown {
  const attrs = ['displayName', 'givenName', 'sn', 'mail', 'title', 'employeeID'];
  return {
    format: 'idsync-config',
    version: 1,
    metaverse: {
      objectTypes: [{ name: 'person', attributes: attrs }],
      attributes: attrs.map((name) => ({ name, type: 'string', multiValued: false, indexed: name === 'employeeID' })),
    },
    connectors: [
      {
        id: 'hr',
        name: HR,
        type: connector.type,
        description: 'HR feed for the console tests',
        config: connector.config,
      },
    ],
    syncRules: [
      {
        id: 'in-from-hr-person',
        name: 'In from HR - Person',
        direction: 'Inbound',
        precedence: 100,
        connector: { id: 'hr', name: HR },
        sourceObjectType: 'person',
        targetObjectType: 'person',
        linkType: 'Provision',
        joinRules: [[{ csAttribute: 'employeeID', mvAttribute: 'employeeID' }]],
        attributeFlows: attrs.map((a) => ({ destination: a, sources: [a], flowType: 'Direct' })),
      },
    ],
  };
}

/** Waits for a run to leave in-progress and returns its final detail. */
export async function waitForRun(page: Page, runId: string, timeoutMs = 60_000): Promise<ResponseOf<'runs.get'>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const run = await callApi(page, 'runs.get', { runId });
    if (run.status !== 'in-progress') return run;
    if (Date.now() > until) throw new Error(`run ${runId} still in progress after ${timeoutMs} ms`);
    await page.waitForTimeout(250);
  }
}

/**
 * Makes sure the workspace holds the HR connector with an imported and synchronized connector space (done once per
 * workspace; later calls find it). Throws, failing the test, when the engine cannot do that.
 */
export async function seedHr(page: Page, home: string): Promise<void> {
  const existing = await callApi(page, 'connectors.list', {});
  if (existing.some((c) => c.name === HR)) return;
  const result = await callApi(page, 'config.import', { document: hrConfig(hrConnector(home)) });
  if (!result.ok) throw new Error(`the engine refused the test configuration: ${result.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  for (const profile of ['Full Import', 'Full Synchronization']) {
    const { runId } = await callApi(page, 'runs.start', { connector: HR, profile });
    const run = await waitForRun(page, runId);
    if (run.status !== 'success') throw new Error(`seeding run "${profile}" ended with ${run.status}`);
  }
  // The specs count metaverse objects: wait until the synchronization is visible to searches.
  const until = Date.now() + 15_000;
  while ((await callApi(page, 'mv.search', { objectType: 'person', limit: 1 })).total < PEOPLE) {
    if (Date.now() > until) throw new Error(`the metaverse did not reach ${PEOPLE} persons after the seeding runs`);
    await page.waitForTimeout(250);
  }
}
