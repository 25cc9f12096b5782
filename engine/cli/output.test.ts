// The CLI as a pipeline stage: a reader that stops early (`| head`) ends it quietly.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'idsync-pipe-'));
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

describe('idsync piped into head', () => {
  it('stops without a stack trace when the reader closes the pipe', () => {
    // 300,000 characters: more than a pipe holds, so writing goes on after head has gone.
    const command = `set -o pipefail; "${process.execPath}" bin/idsync eval 'PadLeft("x", 300000, "y")' | head -c 5`;
    const r = spawnSync('bash', ['-c', command], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, IDSYNC_HOME: home } });
    expect(r.stdout).toBe('"yyyy');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
