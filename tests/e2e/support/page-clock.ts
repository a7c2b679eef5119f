import type { BrowserContext, Page } from 'playwright-core';

/**
 * The page's clocks and timers under the test's control, installed before the app's code runs (an init script: the
 * app itself has no test hook for any of it).
 *
 * Speed: the page's time runs `speed` times faster than real time: performance.now(), Date.now(), and the delays
 * of setTimeout and setInterval all follow it, so an hour of the app's time passes in 3600 / speed real seconds
 * while every timer keeps its rhythm relative to the others and to the packets the test sends on the same clock.
 * requestAnimationFrame, event timestamps and `new Date()` stay real.
 *
 * Pocket: the phone in a pocket with the screen off, as far as the page can tell, which headless Chromium cannot
 * show by itself (Chromium 156 headless keeps every page visible and unthrottled: a minimized window, a tab in
 * front, Page.setWebLifecycleState and the backgrounding switches were all tried). While in the pocket:
 * - `document.visibilityState` is 'hidden' (and `visibilitychange` fires on the way in and out);
 * - timers are throttled as Chrome's intensive wake-up throttling does for a page hidden for minutes: a due timer
 *   waits for the next wake-up, once per minute of page time, and an interval runs at most once per wake-up;
 * - performance.now() advances at `monotonicShare` of the wall clock, as on Android, where it stands still while the
 *   phone sleeps between the strap's packets; Date.now() runs on.
 * Bluetooth events and IndexedDB are untouched: packets still arrive, as they do on a phone in a pocket.
 */

export interface PageClockOptions {
  /** Page time per real time (default 1). */
  speed?: number;
}

export interface PocketOptions {
  /** Share of the wall clock's pace that performance.now() keeps while in the pocket (default 1). */
  monotonicShare?: number;
  /** Page time between two wake-ups of throttled timers (default one minute). */
  wakeUpEveryMs?: number;
}

const controlKey = '__calmRunPageClock';

interface PageClockControl {
  pocket(hidden: boolean, monotonicShare: number, wakeUpEveryMs: number): void;
  /** Real (unscaled) monotonic ms, for measuring the page in real time. */
  realNow(): number;
}

export async function installPageClock(
  context: BrowserContext,
  options: PageClockOptions = {},
): Promise<void> {
  await context.addInitScript(
    ({ speed, key }) => {
      const realNow = performance.now.bind(performance);
      const realDateNow = Date.now.bind(Date);
      const realSetTimeout = window.setTimeout.bind(window);
      const realClearTimeout = window.clearTimeout.bind(window);

      // Page time as two lines through an anchor, re-anchored whenever the monotonic share changes.
      let anchorReal = realNow();
      let anchorWall = realDateNow();
      let anchorMonotonic = anchorReal;
      let monotonicShare = 1;
      const wallAt = (real: number) => anchorWall + (real - anchorReal) * speed;
      const monotonicAt = (real: number) => anchorMonotonic + (real - anchorReal) * speed * monotonicShare;
      Reflect.set(performance, 'now', () => monotonicAt(realNow()));
      Reflect.set(Date, 'now', () => Math.floor(wallAt(realNow())));

      interface Timer {
        id: number;
        run: () => void;
        delayMs: number;
        repeat: boolean;
        handle: number | undefined;
      }
      const timers = new Map<number, Timer>();
      const waiting = new Map<number, Timer>();
      let nextId = 1;
      let hidden = false;
      let wakeUpHandle: number | undefined;

      const arm = (timer: Timer) => {
        timer.handle = realSetTimeout(() => {
          fire(timer);
        }, timer.delayMs / speed);
      };
      const runTimer = (timer: Timer) => {
        if (timer.repeat) arm(timer);
        else timers.delete(timer.id);
        timer.run();
      };
      const fire = (timer: Timer) => {
        if (!timers.has(timer.id)) return;
        // Hidden: it waits for the next wake-up; an interval does not pile up, it runs once then.
        if (hidden) waiting.set(timer.id, timer);
        else runTimer(timer);
      };
      const wakeUp = () => {
        const due = [...waiting.values()];
        waiting.clear();
        for (const timer of due) {
          if (!timers.has(timer.id)) continue;
          try {
            runTimer(timer);
          } catch (error) {
            // As an uncaught error of its own task would be, without stopping the other timers.
            queueMicrotask(() => {
              throw error;
            });
          }
        }
      };
      const schedule = (handler: TimerHandler, delay: unknown, args: unknown[], repeat: boolean) => {
        if (typeof handler !== 'function') throw new TypeError('String timer handlers are not supported');
        const id = nextId++;
        const delayMs = Math.max(repeat ? 1 : 0, Number(delay) || 0);
        const timer: Timer = {
          id,
          run: () => {
            Reflect.apply(handler, window, args);
          },
          delayMs,
          repeat,
          handle: undefined,
        };
        timers.set(id, timer);
        arm(timer);
        return id;
      };
      const clear = (id: unknown) => {
        const timer = typeof id === 'number' ? timers.get(id) : undefined;
        if (!timer) return;
        realClearTimeout(timer.handle);
        timers.delete(timer.id);
        waiting.delete(timer.id);
      };
      Reflect.set(window, 'setTimeout', (handler: TimerHandler, delay?: number, ...args: unknown[]) =>
        schedule(handler, delay, args, false),
      );
      Reflect.set(window, 'setInterval', (handler: TimerHandler, delay?: number, ...args: unknown[]) =>
        schedule(handler, delay, args, true),
      );
      Reflect.set(window, 'clearTimeout', clear);
      Reflect.set(window, 'clearInterval', clear);

      const visibility = Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState');
      const hiddenFlag = Object.getOwnPropertyDescriptor(Document.prototype, 'hidden');
      Object.defineProperty(Document.prototype, 'visibilityState', {
        configurable: true,
        get(this: Document): unknown {
          return hidden ? 'hidden' : visibility?.get?.call(this);
        },
      });
      Object.defineProperty(Document.prototype, 'hidden', {
        configurable: true,
        get(this: Document): unknown {
          return hidden ? true : hiddenFlag?.get?.call(this);
        },
      });

      const control = {
        pocket(hide: boolean, share: number, wakeUpEveryMs: number) {
          const real = realNow();
          anchorWall = wallAt(real);
          anchorMonotonic = monotonicAt(real);
          anchorReal = real;
          monotonicShare = hide ? share : 1;
          if (hide === hidden) return;
          hidden = hide;
          if (hide) {
            const wakeUpLoop = () => {
              wakeUp();
              wakeUpHandle = realSetTimeout(wakeUpLoop, wakeUpEveryMs / speed);
            };
            wakeUpHandle = realSetTimeout(wakeUpLoop, wakeUpEveryMs / speed);
          } else {
            realClearTimeout(wakeUpHandle);
            wakeUp();
          }
          document.dispatchEvent(new Event('visibilitychange'));
        },
        realNow,
      };
      Reflect.set(window, key, control);
    },
    { speed: options.speed ?? 1, key: controlKey },
  );
}

/** Puts the phone in the pocket (hidden, throttled timers, a slow performance.now()) or takes it out. */
export async function setPocket(page: Page, inPocket: boolean, options: PocketOptions = {}): Promise<void> {
  await page.evaluate(
    ({ key, inPocket, share, wakeUpEveryMs }) => {
      const control = Reflect.get(window, key) as PageClockControl | undefined;
      if (!control) throw new Error('installPageClock() was not called before the page loaded');
      control.pocket(inPocket, share, wakeUpEveryMs);
    },
    {
      key: controlKey,
      inPocket,
      share: options.monotonicShare ?? 1,
      wakeUpEveryMs: options.wakeUpEveryMs ?? 60_000,
    },
  );
}
