import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { ENGINE_HEAP_MB, engineHeapMb, heapFlags, heapLimits } from './heap-budget.ts';

const binFile = new URL('../../bin/idsync', import.meta.url);
const heapLimitMb = 'console.log(Math.round(require("node:v8").getHeapStatistics().heap_size_limit / 2 ** 20))';

describe('engine heap budget', () => {
  it('caps the old generation at the default unless IDSYNC_HEAP_MB says otherwise', () => {
    expect(engineHeapMb({})).toBe(ENGINE_HEAP_MB);
    expect(engineHeapMb({ IDSYNC_HEAP_MB: ' 512 ' })).toBe(512);
    expect(heapFlags({ IDSYNC_HEAP_MB: '384' })).toEqual(['--max-old-space-size=384']);
    expect(heapLimits({ IDSYNC_HEAP_MB: '384' })).toEqual({ maxOldGenerationSizeMb: 384 });
  });

  it('leaves V8 its own limit for 0', () => {
    expect(heapFlags({ IDSYNC_HEAP_MB: '0' })).toEqual([]);
    expect(heapLimits({ IDSYNC_HEAP_MB: '0' })).toEqual({});
  });

  it('refuses a value that is not a whole number of MB, or too small to run the engine, naming the variable', () => {
    expect(() => engineHeapMb({ IDSYNC_HEAP_MB: '1.5g' })).toThrow(/IDSYNC_HEAP_MB must be a whole number of MB.*"1\.5g"/);
    expect(() => engineHeapMb({ IDSYNC_HEAP_MB: '-1' })).toThrow(/IDSYNC_HEAP_MB/);
    expect(() => engineHeapMb({ IDSYNC_HEAP_MB: '16' })).toThrow(/IDSYNC_HEAP_MB=16 is too small/);
  });

  it('is what ./bin/idsync starts node with', () => {
    const shebang = readFileSync(binFile, 'utf8').split('\n')[0];
    expect(shebang).toBe(`#!/usr/bin/env -S node --max-old-space-size=${ENGINE_HEAP_MB}`);
  });

  it('takes effect in a child process started with the flags', () => {
    const limit = Number(execFileSync(process.execPath, [...heapFlags({}), '-e', heapLimitMb], { encoding: 'utf8' }));
    // V8's limit adds the young generation to the old one.
    expect(limit).toBeGreaterThanOrEqual(ENGINE_HEAP_MB);
    expect(limit).toBeLessThan(ENGINE_HEAP_MB + 64);
  });

  it('takes effect in a worker thread started with the limits', async () => {
    const worker = new Worker(`require("node:worker_threads").parentPort.postMessage(require("node:v8").getHeapStatistics().heap_size_limit)`, {
      eval: true,
      resourceLimits: heapLimits({}),
    });
    const bytes = await new Promise<number>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(bytes / 2 ** 20).toBeGreaterThanOrEqual(ENGINE_HEAP_MB);
    expect(bytes / 2 ** 20).toBeLessThan(ENGINE_HEAP_MB + 64);
  });
});
