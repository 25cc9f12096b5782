// Staging mode at the export step (§8.1): a staging server never exports, except one export an administrator
// confirms explicitly for one connector (the product allows a manual export from the console).
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SettingsFile } from './settings-file.ts';

export const EXPORT_CONFIRMATIONS_FILE = 'staging-export-once.json';

export type StagingGate = { readonly allowed: true; readonly confirmedInStaging: boolean } | { readonly allowed: false; readonly message: string };

const Confirmations = z.record(z.string(), z.string());

function confirmationsFile(home: string): string {
  return path.join(home, EXPORT_CONFIRMATIONS_FILE);
}

function readConfirmations(home: string): Record<string, string> {
  try {
    return Confirmations.parse(JSON.parse(fs.readFileSync(confirmationsFile(home), 'utf8')));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new Error(`${confirmationsFile(home)} is damaged (${(err as Error).message}); delete it.`);
  }
}

function writeConfirmations(home: string, all: Record<string, string>): void {
  const file = confirmationsFile(home);
  if (Object.keys(all).length === 0) {
    fs.rmSync(file, { force: true });
    return;
  }
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(all));
  fs.renameSync(`${file}.tmp`, file);
}

/** The data directory of an opened database file, or null for an in-memory database (no staging settings). */
export function homeOfDatabase(databaseFile: string): string | null {
  return !databaseFile || databaseFile === ':memory:' ? null : path.dirname(databaseFile);
}

/** Allows one export of a connector while staging mode is on (consumed by that export). */
export function confirmStagingExportOnce(home: string, connectorId: string, now = new Date()): void {
  writeConfirmations(home, { ...readConfirmations(home), [connectorId]: now.toISOString() });
}

/** Whether an export step of `connectorId` may send anything; consumes a one-shot confirmation when it does. */
export function stagingExportGate(home: string | null, connectorId: string, connectorName: string): StagingGate {
  if (home === null || !new SettingsFile(home).load().stagingModeEnabled) return { allowed: true, confirmedInStaging: false };
  const all = readConfirmations(home);
  if (all[connectorId]) {
    delete all[connectorId];
    writeConfirmations(home, all);
    return { allowed: true, confirmedInStaging: true };
  }
  return {
    allowed: false,
    message: `Staging mode is on: nothing was exported to ${connectorName}; the pending exports are kept. ` +
      `Review them with "idsync staging report", or confirm one export with "idsync staging export-once ${connectorName}".`,
  };
}
