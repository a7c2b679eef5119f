import type { Page } from 'playwright-core';

/** What a glance at the screen needs: text that is whole, on screen and not under other text; nothing moving. */

/**
 * For each selector (every element it matches, and at least one must): a problem when the element's text is
 * clipped (scrollWidth over clientWidth), runs out of the viewport sideways, or overlaps another piece of text.
 */
export async function unreadable(page: Page, selectors: readonly string[]): Promise<string[]> {
  return page.evaluate((all) => {
    const problems: string[] = [];
    const textRects = (element: Element): DOMRect[] => {
      const rects: DOMRect[] = [];
      for (const child of element.childNodes) {
        if (child.nodeType !== Node.TEXT_NODE || (child.textContent ?? '').trim() === '') continue;
        const range = document.createRange();
        range.selectNodeContents(child);
        rects.push(...Array.from(range.getClientRects()).filter((rect) => rect.width > 0));
      }
      return rects;
    };
    const overlaps = (a: DOMRect, b: DOMRect): boolean =>
      a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
    const visibleText = Array.from(document.querySelectorAll('body *')).filter(
      (element) => element.checkVisibility() && !element.closest('.visually-hidden'),
    );
    for (const selector of all) {
      const elements = Array.from(document.querySelectorAll<HTMLElement>(selector)).filter((element) =>
        element.checkVisibility(),
      );
      if (elements.length === 0) problems.push(`${selector}: not shown`);
      for (const element of elements) {
        const label = `${selector} "${element.innerText.replace(/\s+/gu, ' ').trim()}"`;
        if (element.scrollWidth > element.clientWidth + 1)
          problems.push(`${label}: clipped (${element.scrollWidth} > ${element.clientWidth})`);
        const box = element.getBoundingClientRect();
        if (box.left < 0 || box.right > document.documentElement.clientWidth + 1)
          problems.push(
            `${label}: ${box.left}-${box.right} outside 0-${document.documentElement.clientWidth}`,
          );
        const own = textRects(element);
        for (const other of visibleText) {
          if (other === element || other.contains(element) || element.contains(other)) continue;
          if (own.some((rect) => textRects(other).some((otherRect) => overlaps(rect, otherRect))))
            problems.push(`${label}: overlaps "${(other as HTMLElement).innerText.trim().slice(0, 40)}"`);
        }
      }
    }
    return problems;
  }, selectors);
}

/** Every element with an animation running or a transition longer than 0 s, as `tag.class: what`. */
export async function movingElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const moving: string[] = [];
    for (const element of document.querySelectorAll('*')) {
      const style = getComputedStyle(element);
      const durations = style.transitionDuration.split(',').map((value) => Number.parseFloat(value));
      const what = [
        style.animationName !== 'none' ? `animation ${style.animationName}` : '',
        durations.some((seconds) => seconds > 0) ? `transition ${style.transitionDuration}` : '',
      ].filter(Boolean);
      if (what.length > 0)
        moving.push(
          `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}: ${what.join(', ')}`,
        );
    }
    return moving;
  });
}
