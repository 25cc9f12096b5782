// The README's pictures of the rules editor, taken by the rules specs (see docs-dir.ts for where they go).
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { DOCS_SCREENSHOTS as docsDir } from './docs-dir.ts';

/** A screenshot for the README, once menus and dialogs have stopped fading. */
export async function docShot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(docsDir, { recursive: true });
  await page.evaluate(() =>
    Promise.all(document.getAnimations().filter((a) => a.effect?.getComputedTiming().iterations !== Infinity).map((a) => a.finished.catch(() => undefined))),
  );
  await page.screenshot({ path: path.join(docsDir, `${name}.png`) });
}
