// Picks the reader for the configured format.
import type { FileSettings } from './config.ts';
import { readCsv } from './csv-source.ts';
import { readJson } from './json-source.ts';
import { readLdifFile } from './ldif-source.ts';
import type { RawItem } from './raw-record.ts';

/** Raw records of `path` in the configured format, in arrays (one per chunk of the file). */
export function readRecords(path: string, settings: FileSettings, signal?: AbortSignal): AsyncGenerator<RawItem[]> {
  switch (settings.config.format) {
    case 'csv':
      return readCsv(path, settings, signal);
    case 'json':
      return readJson(path, settings, signal);
    case 'ldif':
      return readLdifFile(path, signal);
  }
}
