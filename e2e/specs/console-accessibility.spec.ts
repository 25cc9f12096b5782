// Accessibility of every tab and the main dialogs: names equal visible labels, 4.5:1 contrast, headings in
// order, lists of list items, and a visible focus ring on the statistics' counter links.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { HR, seedHr } from './console-seed.ts';
import { auditPage } from './a11y-audit.ts';

async function expectClean(page: Page, where: string) {
  expect(await auditPage(page), where).toEqual([]);
}

test('every tab passes the audit', async ({ openConsole, page, served }) => {
  await openConsole();
  await seedHr(page, served.home);
  await expectClean(page, 'Operations');
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  await expect(page.getByRole('figure', { name: 'Run history chart' })).toBeVisible();
  await expectClean(page, 'Operations with the chart');
  await page.getByRole('tab', { name: 'Connectors' }).click();
  await page.getByRole('grid', { name: 'Connectors' }).getByRole('gridcell', { name: HR, exact: true }).click();
  await expect(page.getByRole('region', { name: 'Run details' })).toBeVisible();
  await expectClean(page, 'Connectors');
  await page.getByRole('tab', { name: 'Metaverse Designer' }).click();
  await page.getByRole('grid', { name: 'Attributes of person' }).getByRole('gridcell', { name: 'mail', exact: true }).click();
  await expect(page.getByRole('grid', { name: 'Precedence of mail' })).toBeVisible();
  await expectClean(page, 'Metaverse Designer');
  await page.getByRole('tab', { name: 'Metaverse Search' }).click();
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('grid', { name: 'Search results' })).toBeVisible();
  await expectClean(page, 'Metaverse Search');
});

test('the main dialogs pass the audit', async ({ openConsole, page, served }) => {
  await openConsole();
  await seedHr(page, served.home);
  await page.getByRole('tab', { name: 'Metaverse Search' }).click();
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('grid', { name: 'Search results' }).getByRole('gridcell', { name: 'Person 1 Lee' }).dblclick();
  const mv = page.getByRole('dialog', { name: /Metaverse Object Properties/ });
  await expect(mv.getByRole('grid', { name: 'Metaverse attributes' })).toBeVisible();
  await expectClean(page, 'Metaverse Object Properties');
  await mv.getByRole('tab', { name: 'Connectors' }).click();
  await mv.getByRole('grid', { name: 'Metaverse connectors' }).getByRole('row').nth(1).dblclick();
  const cs = page.getByRole('dialog', { name: /Connector Space Object Properties/ });
  for (const tab of ['Import', 'Lineage', 'Log']) {
    await cs.getByRole('tab', { name: tab, exact: true }).click();
    await expect(cs.getByRole('tabpanel')).toBeVisible();
    await expectClean(page, `Connector Space Object Properties, ${tab}`);
  }
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  for (const [item, title] of [['Statistics…', 'Statistics'], ['Scheduler and staging…', 'Scheduler and staging']] as const) {
    await page.getByRole('button', { name: 'Tools' }).click();
    await page.getByRole('menuitem', { name: item }).click();
    const dialog = page.getByRole('dialog', { name: title });
    await expect(dialog.getByRole('grid').first()).toBeVisible();
    await expectClean(page, title);
    await dialog.getByRole('button', { name: 'Close' }).click();
  }
  const box = page.getByRole('textbox', { name: 'Find identity' });
  await box.fill('p3@example.test');
  await box.press('Enter');
  await page.getByRole('dialog', { name: /^Identities matching/ }).getByRole('grid').getByRole('row').nth(1).dblclick();
  await expect(page.getByRole('dialog', { name: 'Object journey' }).getByRole('grid', { name: 'Joined objects' })).toBeVisible();
  await expectClean(page, 'Object journey');
});

test('Clear Runs reads at 4.5:1, and counter links show a focus ring when reached by keyboard', async ({ openConsole, page, served, snap }) => {
  await openConsole();
  await seedHr(page, served.home);
  const clear = page.getByRole('button', { name: 'Clear Runs' });
  const ratio = await clear.evaluate((el) => {
    const parse = (c: string) => (/rgba?\(([^)]+)\)/.exec(c)?.[1] ?? '0,0,0').split(/[\s,/]+/).filter(Boolean).map(Number);
    const lum = (rgb: number[]) => rgb.slice(0, 3).map((v) => v / 255).map((s) => (s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4)).reduce((acc, v, i) => acc + v * [0.2126, 0.7152, 0.0722][i], 0);
    let bg = [255, 255, 255];
    for (let e: Element | null = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if ((c[3] ?? 1) > 0 && getComputedStyle(e).backgroundColor !== 'rgba(0, 0, 0, 0)') {
        bg = c;
        break;
      }
    }
    const fg = parse(getComputedStyle(el).color);
    const alpha = fg[3] ?? 1;
    const mixed = [0, 1, 2].map((i) => fg[i] * alpha + bg[i] * (1 - alpha));
    const [a, b] = [lum(mixed), lum(bg)].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
  });
  expect(ratio).toBeGreaterThanOrEqual(4.5);
  await page.getByRole('combobox', { name: 'Connector' }).click();
  await page.getByRole('option', { name: HR, exact: true }).click();
  // The seeding Full Import (every person added) is the oldest HR run.
  const runs = page.getByRole('grid', { name: 'Run history' });
  await runs.getByRole('columnheader', { name: 'Start Time' }).click();
  await expect(runs.getByRole('columnheader', { name: 'Start Time' })).toHaveAttribute('aria-sort', 'ascending');
  await runs.getByRole('row').nth(1).getByRole('gridcell', { name: 'Full Import' }).click();
  const details = page.getByRole('region', { name: 'Run details' });
  const link = details.getByRole('row', { name: /^Adds/ }).getByRole('button');
  await details.getByRole('button', { name: /^Step 1: Full Import/ }).focus();
  for (let i = 0; i < 20 && !(await link.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(link).toBeFocused();
  const ring = await link.evaluate((el) => ({ style: getComputedStyle(el).outlineStyle, width: parseFloat(getComputedStyle(el).outlineWidth) }));
  expect(ring.style).not.toBe('none');
  expect(ring.width).toBeGreaterThanOrEqual(2);
  await snap('console-counter-focus-ring');
});
