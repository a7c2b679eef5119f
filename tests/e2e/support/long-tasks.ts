import type { BrowserContext, Page } from 'playwright-core';

/** A main-thread task of over 50 ms, as the Long Tasks API reports it: start and duration in page ms. */
export interface LongTask {
  startMs: number;
  durationMs: number;
}

const longTasksKey = '__calmRunLongTasks';

/** Records every long task of every page of `context` from its first script on; read them with `longTasks`. */
export async function watchLongTasks(context: BrowserContext): Promise<void> {
  await context.addInitScript((key: string) => {
    const tasks: LongTask[] = [];
    Reflect.set(window, key, tasks);
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        tasks.push({ startMs: entry.startTime, durationMs: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  }, longTasksKey);
}

/** The page's long tasks since it loaded, oldest first. */
export async function longTasks(page: Page): Promise<LongTask[]> {
  const tasks = await page.evaluate((key) => Reflect.get(window, key) as unknown, longTasksKey);
  if (!Array.isArray(tasks))
    throw new Error('The long-task observer was not installed before the page loaded');
  return tasks as LongTask[];
}
