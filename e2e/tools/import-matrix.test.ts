// The import matrix is enforced by lint: these cases prove a violation is reported and a legal import is not.
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const eslint = new ESLint({ cwd: root });

async function ruleIds(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

const RESTRICTED = ['import-x/no-restricted-paths', 'no-restricted-imports'];
const violates = (ids: string[]) => ids.some((id) => RESTRICTED.includes(id));

describe('import matrix', () => {
  it.each([
    ['renderer/src/x.ts', "import { ApiService } from '../../engine/service/service.ts';\nexport const x = ApiService;\n"],
    ['renderer/src/x.ts', "import fs from 'node:fs';\nexport const x = fs;\n"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"],
    ['engine/x.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['engine/x.ts', "import { App } from '../renderer/src/app/App.tsx';\nexport const x = App;\n"],
    ['engine/x.ts', "import { useState } from 'react';\nexport const x = useState;\n"],
    ['engine/x.ts', "import { chromiumPath } from '../e2e/env/chromium.ts';\nexport const x = chromiumPath;\n"],
    ['shared/x.ts', "import { ApiService } from '../engine/service/service.ts';\nexport const x = ApiService;\n"],
    ['shared/x.ts', "import fs from 'node:fs';\nexport const x = fs;\n"],
    ['electron/x.ts', "import { ApiService } from '../engine/service/service.ts';\nexport const x = ApiService;\n"],
    ['electron/x.ts', "import { App } from '../renderer/src/app/App.tsx';\nexport const x = App;\n"],
  ])('refuses a forbidden import in %s', async (file, code) => {
    expect(violates(await ruleIds(code, file))).toBe(true);
  });

  it.each([
    ['renderer/src/x.ts', "import { apiMethods } from '../../shared/api.ts';\nexport const x = apiMethods;\n"],
    ['shared/x.ts', "import { z } from 'zod';\nexport const x = z;\n"],
    ['electron/x.ts', "import { EngineWorker } from '../engine/host/engine-worker.ts';\nexport const x = EngineWorker;\n"],
    ['engine/x.ts', "import { apiMethods } from '../shared/api.ts';\nexport const x = apiMethods;\n"],
    ['engine/x.int.test.ts', "import { chromiumPath } from '../e2e/env/chromium.ts';\nexport const x = chromiumPath;\n"],
  ])('accepts a legal import in %s', async (file, code) => {
    expect(violates(await ruleIds(code, file))).toBe(false);
  });
});
