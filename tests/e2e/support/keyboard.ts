import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { contrastRatio } from './contrast';

/** Driving the app by keyboard alone, and proving that whatever has the focus shows it. */

export interface FocusedElement {
  /** Tag, and the visible text or accessible name, e.g. `button "Finish run"`. */
  description: string;
  name: string;
  /** Whether the browser matched `:focus-visible` on it (keyboard focus). */
  focusVisible: boolean;
  /** The indicator drawn for it (on the element, or on the label around a hidden radio). */
  outlineStyle: string;
  outlineWidthPx: number;
  outlineColor: string;
  boxShadow: string;
  /** The opaque colour around the element, against which the indicator must stand out. */
  background: string;
}

/** What has the focus now and how its focus indicator is drawn (undefined when nothing but the body has it). */
export async function focusedElement(page: Page): Promise<FocusedElement | undefined> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!(element instanceof HTMLElement) || element === document.body) return undefined;
    const background = (start: Element | null): string => {
      for (let node = start; node; node = node.parentElement) {
        const color = getComputedStyle(node).backgroundColor;
        if (color !== 'transparent' && !/rgba\([^)]*,\s*0\)$/u.test(color)) return color;
      }
      return 'rgb(255, 255, 255)';
    };
    // A radio drawn as a card hides the input itself: the card (its label) carries the ring.
    const hidden = getComputedStyle(element).opacity === '0';
    const drawn = hidden ? (element.closest('label') ?? element) : element;
    const style = getComputedStyle(drawn);
    const name = (element.getAttribute('aria-label') ?? (drawn.innerText || element.innerText || ''))
      .replace(/\s+/gu, ' ')
      .trim();
    return {
      description: `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''} "${name}"`,
      name,
      focusVisible: element.matches(':focus-visible'),
      outlineStyle: style.outlineStyle,
      outlineWidthPx: Number.parseFloat(style.outlineWidth),
      outlineColor: style.outlineColor,
      boxShadow: style.boxShadow,
      background: background(drawn.parentElement),
    };
  });
}

/**
 * Fails unless the focused element shows a focus indicator: an outline at least 2 px wide whose colour has 3:1
 * against the colour around it (WCAG 2.4.7, and 2.4.13's contrast), or a box shadow.
 */
export function expectVisibleFocus(focused: FocusedElement | undefined): void {
  expect(focused, 'something has the focus').toBeDefined();
  if (!focused) return;
  expect(focused.focusVisible, `${focused.description} matches :focus-visible`).toBe(true);
  if (focused.outlineStyle === 'none' || focused.outlineWidthPx === 0) {
    expect(focused.boxShadow, `${focused.description} has an outline or a box shadow`).not.toBe('none');
    return;
  }
  expect(focused.outlineWidthPx, `${focused.description}: outline width`).toBeGreaterThanOrEqual(2);
  const ratio = contrastRatio(focused.outlineColor, focused.background);
  expect(
    ratio,
    `${focused.description}: outline ${focused.outlineColor} on ${focused.background}`,
  ).toBeGreaterThanOrEqual(3);
}

/**
 * Presses Tab (or Shift+Tab) until the focused element's name is `name` (or matches it), checking the focus
 * indicator of every element passed on the way. Fails after `maxPresses`.
 */
export async function tabTo(
  page: Page,
  name: string | RegExp,
  options: { backwards?: boolean; maxPresses?: number } = {},
): Promise<FocusedElement> {
  const key = options.backwards === true ? 'Shift+Tab' : 'Tab';
  const seen: string[] = [];
  for (let press = 0; press < (options.maxPresses ?? 80); press++) {
    await page.keyboard.press(key);
    const focused = await focusedElement(page);
    expectVisibleFocus(focused);
    if (!focused) continue;
    seen.push(focused.description);
    if (typeof name === 'string' ? focused.name === name : name.test(focused.name)) return focused;
  }
  throw new Error(`No ${String(name)} reached by ${key}; passed: ${seen.join(', ')}`);
}
