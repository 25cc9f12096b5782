// The console shell: it loads, the four tabs switch, the status bar tells host, data and engine state.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures.ts';
import { startServe } from '../env/idsync-serve.ts';

const TABS = ['Operations', 'Connectors', 'Metaverse Designer', 'Metaverse Search'];

test('the console loads and every tab switches', async ({ openConsole, snap, served }) => {
  const page = await openConsole();
  await expect(page).toHaveTitle(/IdSync/);
  // The token left the address bar for an HttpOnly cookie.
  expect(page.url()).not.toContain('token=');
  for (const name of TABS) {
    const tab = page.getByRole('tab', { name });
    await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tabpanel', { name })).toBeVisible();
    await snap(`shell-${name.toLowerCase().replace(/\s+/g, '-')}`);
  }
  await expect(page.getByLabel('Data directory')).toContainText(served.home);
  await expect(page.getByLabel('Host')).toContainText('headless host');
});

test('tabs are reachable from the keyboard', async ({ openConsole }) => {
  const page = await openConsole();
  await page.getByRole('tab', { name: 'Operations' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Connectors' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'Connectors' })).toHaveAttribute('aria-selected', 'true');
});

test('light and dark themes switch and persist', async ({ openConsole, snap, page }) => {
  await openConsole();
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const before = await background();
  const toggle = page.getByRole('button', { name: /Switch to (dark|light) theme/ });
  await toggle.click();
  await expect.poll(background).not.toBe(before);
  await snap('shell-theme-toggled');
  await page.reload();
  await expect.poll(background).not.toBe(before);
  await page.getByRole('button', { name: /Switch to (dark|light) theme/ }).click();
  await expect.poll(background).toBe(before);
});

test('an empty console offers the demo workspace and opens it in one click', async ({ page, snap }) => {
  test.setTimeout(120_000);
  const fresh = await startServe();
  try {
    await page.goto(fresh.url);
    const banner = page.getByRole('alert').filter({ hasText: 'Nothing is configured yet' });
    await expect(banner).toBeVisible();
    await snap('shell-welcome-demo');
    await page.getByRole('button', { name: 'Open the demo workspace' }).click();
    await expect(page.getByRole('button', { name: 'Creating the demo…' })).toBeVisible();
    await expect(banner).toBeHidden({ timeout: 90_000 });
    // The demo's files and runs exist in the data directory the host serves.
    expect(fs.existsSync(path.join(fresh.home, 'demo', 'hr-users.csv'))).toBe(true);
    await page.getByRole('tab', { name: 'Operations' }).click();
    await snap('shell-demo-operations');
  } finally {
    await fresh.stop();
  }
});
