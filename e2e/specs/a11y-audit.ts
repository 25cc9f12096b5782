// An accessibility audit run inside the page: accessible names equal visible labels (voice control), text
// contrast of controls at least 4.5:1, headings in order, and lists that hold only list items.
import type { Page } from '@playwright/test';

/** What the audit found, one sentence per problem, naming the element. */
export async function auditPage(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // Colours are read at rest: transitions (a button turning enabled) jump to their end.
    for (const a of document.getAnimations()) if (Number.isFinite(Number(a.effect?.getComputedTiming().endTime))) a.finish();
    const problems: string[] = [];
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && !el.closest('[aria-hidden="true"]');
    };
    const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    const describe = (el: Element) => `<${el.tagName.toLowerCase()}${el.getAttribute('role') ? ` role=${el.getAttribute('role')}` : ''}> "${text(el).slice(0, 60)}"`;

    // 1. A control's accessible name is its visible label (a voice-control user says what they see).
    const controls = document.querySelectorAll('button, a[href], [role=button], [role=link], [role=tab], [role=menuitem], [role=menuitemcheckbox], [role=option], [role=switch]');
    for (const el of controls) {
      if (!shown(el)) continue;
      const visible = text(el);
      const label = el.getAttribute('aria-label');
      if (visible && label !== null && label.trim() !== visible) problems.push(`name "${label}" differs from visible label ${describe(el)}`);
      const by = el.getAttribute('aria-labelledby');
      if (visible && by) {
        const named = by.split(/\s+/).map((id) => document.getElementById(id)).filter(Boolean).map((n) => text(n!)).join(' ').trim();
        if (named && named !== visible) problems.push(`name "${named}" (labelledby) differs from visible label ${describe(el)}`);
      }
    }

    // 2. Text of enabled controls contrasts with what is behind it by 4.5:1 at least.
    const rgba = (c: string): [number, number, number, number] => {
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (!m) return [0, 0, 0, 0];
      const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    };
    const background = (el: Element | null): [number, number, number] => {
      const layers: [number, number, number, number][] = [];
      for (let e = el; e; e = e.parentElement) {
        const c = rgba(getComputedStyle(e).backgroundColor);
        if (c[3] > 0) layers.push(c);
        if (c[3] >= 1) break;
      }
      let out: [number, number, number] = [255, 255, 255];
      for (const l of layers.reverse()) out = [0, 1, 2].map((i) => l[i] * l[3] + out[i] * (1 - l[3])) as [number, number, number];
      return out;
    };
    const lum = ([r, g, b]: [number, number, number]) => {
      const ch = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b);
    };
    for (const el of controls) {
      if (!shown(el) || !text(el) || (el as HTMLButtonElement).disabled || el.getAttribute('aria-disabled') === 'true') continue;
      const bg = background(el);
      const fgA = rgba(getComputedStyle(el).color);
      const fg: [number, number, number] = [0, 1, 2].map((i) => fgA[i] * fgA[3] + bg[i] * (1 - fgA[3])) as [number, number, number];
      const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
      const ratio = (a + 0.05) / (b + 0.05);
      if (ratio < 4.5) problems.push(`contrast ${ratio.toFixed(2)}:1 below 4.5:1 for ${describe(el)}`);
    }

    // 3. Headings go down one level at a time, starting at h1.
    const levels = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter(shown).map((h) => ({ level: Number(h.tagName[1]), h }));
    // Behind a modal dialog the page is hidden: the dialog's title (an h2) then comes first.
    const first = levels[0];
    if (first && first.level !== 1 && !(first.level === 2 && first.h.closest('[role=dialog]'))) problems.push(`the first heading is ${describe(first.h)}, not an h1`);
    for (let i = 1; i < levels.length; i++) {
      if (levels[i].level > levels[i - 1].level + 1) problems.push(`heading ${describe(levels[i].h)} (h${levels[i].level}) follows an h${levels[i - 1].level}`);
    }

    // 4. Lists hold list items only.
    for (const list of document.querySelectorAll('ul, ol, [role=list]')) {
      if (!shown(list) || (list.getAttribute('role') && list.getAttribute('role') !== 'list')) continue;
      for (const child of list.children) {
        const role = child.getAttribute('role');
        const ok = role ? role === 'listitem' || role === 'none' || role === 'presentation' : child.tagName === 'LI' || child.tagName === 'SCRIPT' || child.tagName === 'TEMPLATE';
        if (!ok) problems.push(`list ${describe(list)} holds ${describe(child)}`);
      }
    }
    return problems;
  });
}
