import type { Browser, Page } from 'playwright-core';

/**
 * The floor under a live screen's main-thread cost: the very same screen (a snapshot of its DOM, with its
 * stylesheets, without any script) in a page of its own, where a timer changes one heart-rate number at the rate the
 * packets come. What that page's main thread spends is what Chromium itself needs to show the changing numbers
 * (style, layout, paint, commit of each frame), whatever the app does around it.
 */

/** The page's markup without its scripts, to be served from the app's own origin (so its stylesheets load). */
export async function snapshotWithoutScripts(page: Page): Promise<string> {
  return page.evaluate(() => {
    const copy = document.documentElement.cloneNode(true) as HTMLElement;
    for (const script of copy.querySelectorAll('script, link[rel="modulepreload"]')) script.remove();
    return `<!doctype html>\n${copy.outerHTML}`;
  });
}

/**
 * Main-thread busy share (CPU time, % of a core) of the snapshot while `selector`'s elements change their text one
 * after the other, every `intervalMs`, for `durationMs`.
 */
export async function renderFloorPct(
  browser: Browser,
  options: {
    url: string;
    html: string;
    viewport: { width: number; height: number };
    selector: string;
    intervalMs: number;
    durationMs: number;
  },
): Promise<number> {
  const context = await browser.newContext({ viewport: options.viewport, serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    await page.route(options.url, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: options.html }),
    );
    await page.goto(options.url, { waitUntil: 'load' });
    const session = await context.newCDPSession(page);
    await session.send('Performance.enable', { timeDomain: 'threadTicks' });
    await page.evaluate(
      ({ selector, intervalMs }) => {
        const numbers = Array.from(document.querySelectorAll(selector));
        if (numbers.length === 0) throw new Error(`Nothing in the snapshot matches ${selector}`);
        let next = 0;
        setInterval(() => {
          const element = numbers[next % numbers.length];
          const text = element?.firstChild;
          if (text) text.nodeValue = String(120 + ((next >> 3) % 5));
          next++;
        }, intervalMs);
      },
      { selector: options.selector, intervalMs: options.intervalMs },
    );
    // A few frames first, so the first layout of the snapshot is not counted.
    await page.waitForTimeout(2000);
    const read = async () => {
      const { metrics } = await session.send('Performance.getMetrics');
      const value = (name: string) => metrics.find((metric) => metric.name === name)?.value ?? Number.NaN;
      return { wallS: value('Timestamp'), taskS: value('TaskDuration') };
    };
    const before = await read();
    await page.waitForTimeout(options.durationMs);
    const after = await read();
    return (100 * (after.taskS - before.taskS)) / (after.wallS - before.wallS);
  } finally {
    await context.close();
  }
}
