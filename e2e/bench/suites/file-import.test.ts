import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { fileImportSuite } from './file-import.ts';

it('file-import suite runs at a small size and reports four figures with floors', async () => {
  const tmpDir = await mkdtemp(join(tmpdir(), 'idsync-bench-file-'));
  try {
    const figures = await fileImportSuite.run({ size: 'tiny', count: 300, tmpDir, progress: () => undefined, log: () => undefined });
    expect(figures.map((f) => f.name)).toEqual(['CSV full import', 'CSV delta import (no changes)', 'CSV delta import (1% changed)', 'LDIF full import']);
    for (const f of figures) {
      expect(f.value).toBeGreaterThan(0);
      expect(f.floor!.value).toBeGreaterThan(0);
      expect(f.ratio).toBeGreaterThan(0);
      expect(typeof f.goalMet).toBe('boolean');
    }
  } finally {
    await rm(tmpDir, { recursive: true, force: true });
  }
});
