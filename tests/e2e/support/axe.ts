import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/**
 * axe-core in the page, checked against WCAG 2.2 AA, and a look for raw message keys on screen.
 *
 * axe is evaluated as a string through DevTools (`page.evaluate`), which the page's Content-Security-Policy does not
 * govern, so the check keeps working under `script-src 'self'` where a `<script>` tag would be refused.
 */

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The WCAG 2.0, 2.1 and 2.2 success criteria at levels A and AA. */
export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] as const;

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  /** The CSS selector of each element that fails, with axe's summary of why. */
  nodes: { target: string; why: string }[];
}

/** Where a check ran: the screen, the language and the colour scheme. */
export interface CheckedView {
  screen: string;
  locale: string;
  scheme: string;
}

export interface ViewViolation extends AxeViolation, CheckedView {}

async function ensureAxe(page: Page): Promise<void> {
  const present = await page.evaluate(() => 'axe' in window);
  if (!present) await page.evaluate(axeSource);
}

export interface AxeFindings {
  violations: AxeViolation[];
  /** What axe could not decide alone (e.g. an ARIA attribute it suspects, a contrast over an image). */
  incomplete: AxeViolation[];
}

/** Runs axe-core on the whole document with the WCAG A/AA tags; returns its violations and its doubts. */
export async function axeFindings(page: Page): Promise<AxeFindings> {
  await ensureAxe(page);
  return page.evaluate(
    async (tags) => {
      interface AxeNode {
        target: unknown[];
        failureSummary?: string;
      }
      interface AxeResult {
        id: string;
        impact?: string | null;
        help: string;
        nodes: AxeNode[];
      }
      interface AxeApi {
        run(
          context: Document,
          options: { runOnly: { type: 'tag'; values: string[] }; resultTypes: string[] },
        ): Promise<{ violations: AxeResult[]; incomplete: AxeResult[] }>;
      }
      const axe = Reflect.get(window, 'axe') as AxeApi;
      const results = await axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations', 'incomplete'],
      });
      const simplify = (violation: AxeResult) => ({
        id: violation.id,
        impact: violation.impact ?? 'unknown',
        help: violation.help,
        nodes: violation.nodes.map((node) => ({
          target: node.target.map(String).join(' >>> '),
          why: (node.failureSummary ?? '').replace(/\s+/gu, ' ').trim(),
        })),
      });
      return { violations: results.violations.map(simplify), incomplete: results.incomplete.map(simplify) };
    },
    [...wcagTags],
  );
}

/** One readable line per failing element: rule, impact, where, and why. */
export function describeViolations(violations: readonly ViewViolation[]): string {
  return violations
    .flatMap((violation) =>
      violation.nodes.map(
        (node) =>
          `[${violation.screen} | ${violation.locale} | ${violation.scheme}] ${violation.id} (${violation.impact}): ` +
          `${node.target} - ${violation.help}. ${node.why}`,
      ),
    )
    .join('\n');
}

/** The message keys (of en.json) and every word that the messages of one language contain. */
export function messageCatalogue(path: string): { keys: string[]; words: Set<string> } {
  const messages = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const keys = Object.keys(messages).filter((key) => !key.startsWith('$'));
  const words = new Set<string>();
  for (const value of Object.values(messages)) {
    if (typeof value !== 'string') continue;
    for (const word of value.split(/[^\p{L}\p{N}_]+/u)) if (word !== '') words.add(word.toLowerCase());
  }
  return { keys, words };
}

/**
 * Message keys that show on the page as whole words: a message the app forgot to translate or a key printed
 * instead of its text. A key that is also a real word of this language's own messages ("bpm", "notes") can not be
 * told from that word and is left out.
 */
export async function rawKeysShown(
  page: Page,
  keys: readonly string[],
  wordsOfLanguage: ReadonlySet<string>,
  /** Data on screen that is not a message (a strap's own name), left out of the look. */
  dataTexts: readonly string[] = [],
): Promise<string[]> {
  let text = await page.evaluate(() => document.body.innerText);
  for (const data of dataTexts) text = text.replaceAll(data, ' ');
  const shown = new Set(text.split(/[^\p{L}\p{N}_]+/u));
  return keys.filter((key) => shown.has(key) && !wordsOfLanguage.has(key.toLowerCase()));
}
