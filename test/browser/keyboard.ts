import type { Page } from 'playwright-core';

/** Keyboard helpers for the browser tests: what has focus, and Tab until something does. */

export interface FocusInfo {
  tag: string;
  /** The accessible-ish name: aria-label, the label of a form field, or the text. */
  name: string;
  id: string;
}

export function focused(page: Page): Promise<FocusInfo | null> {
  return page.evaluate(() => {
    interface El {
      tagName: string;
      id: string;
      textContent: string | null;
      getAttribute(name: string): string | null;
      labels?: ArrayLike<{ textContent: string | null }> | null;
    }
    const el = (globalThis as unknown as { document: { activeElement: El | null } }).document.activeElement;
    if (!el) return null;
    const label = el.labels && el.labels.length > 0 ? el.labels[0]?.textContent : null;
    const name = el.getAttribute('aria-label') ?? label ?? el.textContent ?? '';
    return { tag: el.tagName, name: name.replace(/\s+/g, ' ').trim(), id: el.id };
  });
}

/** Presses Tab until the focused element's name matches; fails after `max` presses. */
export async function tabTo(page: Page, name: RegExp, max = 40): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f && name.test(f.name)) return i;
  }
  const last = await focused(page);
  throw new Error(
    `no element named ${String(name)} within ${max} Tab presses (last: ${JSON.stringify(last)})`,
  );
}
