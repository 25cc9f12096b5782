// A grid export done by the engine: it writes the CSV file (with progress events), the console shows the
// count, offers Cancel, and saves the finished file through the browser.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExportColumn, ExportSource, ExportStatus } from '../../../shared/model/grid-export.ts';
import { getApi } from '../api/client.ts';
import { useApiEvent } from '../api/hooks.ts';
import { downloadText } from './download.ts';

/** What the grid asks the engine to export. */
export interface EngineExportRequest {
  readonly source: ExportSource;
  readonly columns: readonly ExportColumn[];
  readonly name: string;
}

export interface EngineExport {
  /** The export in progress or just ended, null before the first. */
  readonly status: ExportStatus | null;
  /** A failure to start, read or save, in words. */
  readonly error: unknown;
  start(request: EngineExportRequest): Promise<void>;
  cancel(): Promise<void>;
}

/** Reads a finished export file piece by piece and offers it as a download. */
async function save(status: ExportStatus): Promise<void> {
  let text = '';
  for (let offset: number | null = 0; offset !== null; ) {
    const chunk: { text: string; nextOffset: number | null } = await getApi().call('exports.read', { exportId: status.exportId, offset, length: 4 * 1024 * 1024 });
    text += chunk.text;
    offset = chunk.nextOffset;
  }
  downloadText(status.file.split(/[\\/]/).pop() ?? 'export.csv', text);
}

/** One export at a time for one grid. */
export function useEngineExport(): EngineExport {
  const [status, setStatus] = useState<ExportStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  const current = useRef<string | null>(null);
  const saved = useRef<string | null>(null);
  const onProgress = useCallback((s: ExportStatus) => {
    if (s.exportId === current.current) setStatus(s);
  }, []);
  useApiEvent('export.progress', onProgress);
  useEffect(() => {
    if (status?.state !== 'done' || saved.current === status.exportId) return;
    saved.current = status.exportId;
    save(status).catch(setError);
  }, [status]);
  return {
    status,
    error,
    async start(request) {
      setError(null);
      try {
        const s = await getApi().call('exports.start', { source: request.source, columns: [...request.columns], name: request.name });
        current.current = s.exportId;
        // The export may have ended before its id was known here: ask once.
        setStatus(await getApi().call('exports.get', { exportId: s.exportId }));
      } catch (err) {
        setError(err);
      }
    },
    async cancel() {
      if (!current.current) return;
      try {
        setStatus(await getApi().call('exports.cancel', { exportId: current.current }));
      } catch (err) {
        setError(err);
      }
    },
  };
}
