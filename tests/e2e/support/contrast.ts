import type { Page } from 'playwright-core';

/** Colour contrast as WCAG 2.2 defines it, for what axe does not measure: focus rings and the edges of fields. */

type Rgb = readonly [number, number, number];

/** An `rgb()`/`rgba()` colour as the browser computes it; undefined when transparent or not understood. */
export function parseColor(css: string): Rgb | undefined {
  const match = /^rgba?\(([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:[,/\s]+([\d.]+))?\)$/u.exec(css.trim());
  if (!match) return undefined;
  const alpha = match[4] === undefined ? 1 : Number(match[4]);
  if (alpha === 0) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function luminance([r, g, b]: Rgb): number {
  const linear = (channel: number): number => {
    const value = channel / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** The contrast ratio (1 to 21) between two computed colours; 0 when either is transparent or unknown. */
export function contrastRatio(first: string, second: string): number {
  const a = parseColor(first);
  const b = parseColor(second);
  if (!a || !b) return 0;
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

export interface ControlEdge {
  name: string;
  border: string;
  background: string;
}

/** The border colour of every visible field one types or picks in, with the colour behind it. */
export async function controlEdges(page: Page): Promise<ControlEdge[]> {
  return page.evaluate(() => {
    // The first opaque background behind an element: its own, else its ancestors', else white.
    const background = (element: Element): string => {
      for (let node: Element | null = element; node; node = node.parentElement) {
        const color = getComputedStyle(node).backgroundColor;
        if (color !== 'transparent' && !/rgba\([^)]*,\s*0\)$/u.test(color)) return color;
      }
      return 'rgb(255, 255, 255)';
    };
    const fields = document.querySelectorAll<HTMLElement>(
      'input:not([type="radio"]):not([type="checkbox"]):not([type="file"]):not([type="hidden"]), select, textarea',
    );
    return [...fields]
      .filter((field) => {
        const style = getComputedStyle(field);
        // A field drawn without a border (a range slider's track) has its edge elsewhere.
        return field.getClientRects().length > 0 && style.opacity !== '0' && style.borderTopStyle !== 'none';
      })
      .map((field) => ({
        name: `${field.tagName.toLowerCase()}${field.id ? `#${field.id}` : ''}[name=${field.getAttribute('name') ?? ''}]`,
        border: getComputedStyle(field).borderTopColor,
        background: background(field.parentElement ?? field),
      }));
  });
}

export interface TextLink {
  name: string;
  color: string;
  /** The app's link colour, `--accent`, as the browser computes it here. */
  accent: string;
  background: string;
  underlined: boolean;
}

/** Every visible link inside a line of text in the main area (not a button-like link, not a card). */
export async function textLinks(page: Page): Promise<TextLink[]> {
  return page.evaluate(() => {
    const background = (element: Element): string => {
      for (let node: Element | null = element; node; node = node.parentElement) {
        const color = getComputedStyle(node).backgroundColor;
        if (color !== 'transparent' && !/rgba\([^)]*,\s*0\)$/u.test(color)) return color;
      }
      return 'rgb(255, 255, 255)';
    };
    const probe = document.createElement('span');
    probe.style.color = 'var(--accent)';
    document.body.append(probe);
    const accent = getComputedStyle(probe).color;
    probe.remove();
    return [...document.querySelectorAll<HTMLAnchorElement>('main a:not(.button)')]
      .filter((link) => link.getClientRects().length > 0 && getComputedStyle(link).display === 'inline')
      .map((link) => ({
        name: `a[href="${link.getAttribute('href') ?? ''}"]`,
        color: getComputedStyle(link).color,
        accent,
        background: background(link),
        underlined: getComputedStyle(link).textDecorationLine.includes('underline'),
      }));
  });
}

export interface ChartText {
  name: string;
  fill: string;
  background: string;
}

/**
 * Every text drawn inside an SVG chart (`figure svg[role="img"]`), with its fill and the background behind the chart:
 * axe cannot find the background of SVG text, so the sweep measures these pairs itself.
 */
export async function chartTexts(page: Page): Promise<ChartText[]> {
  return page.evaluate(() => {
    const background = (element: Element): string => {
      for (let node: Element | null = element; node; node = node.parentElement) {
        const color = getComputedStyle(node).backgroundColor;
        if (color !== 'transparent' && !/rgba\([^)]*,\s*0\)$/u.test(color)) return color;
      }
      return 'rgb(255, 255, 255)';
    };
    return [...document.querySelectorAll<SVGTextElement>('figure svg[role="img"] text')].map((text) => ({
      name: `${text.closest('figure')?.querySelector('figcaption')?.textContent.trim() ?? 'chart'}: "${text.textContent.trim()}"`,
      fill: getComputedStyle(text).fill,
      background: background(text.closest('figure') ?? text),
    }));
  });
}
