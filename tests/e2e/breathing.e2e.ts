import { m } from '../../src/paraglide/messages.js';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openApp, useBrowser } from './support/browser';
import { button } from './support/calm-run-page';
import { attributeOf, expectAttribute, textOf } from './support/expect-page';
import { openHistory } from './support/sessions';

const browser = useBrowser({ webBluetooth: false });

/** On the breathing screen: connects the simulated strap the address describes and waits until it is there. */
async function connectSimulatedStrap(page: Page): Promise<void> {
  await button(page, m.trySimulatedStrap()).click();
  await page.getByTestId('breathing-strap').waitFor();
}

/** Every level or reason the coherence panel shows, polled until `until` says stop; returns what was seen. */
async function watchCoherence(
  page: Page,
  until: (seen: { kind: string; level: string }) => boolean,
  timeoutMs: number,
): Promise<{ kind: string; level: string; atMs: number }[]> {
  const seen: { kind: string; level: string; atMs: number }[] = [];
  const startedAt = Date.now();
  await expect
    .poll(
      async () => {
        const kind = await attributeOf(page.getByTestId('coherence'), 'data-kind');
        const level = await attributeOf(page.getByTestId('coherence-level'), 'data-level');
        const last = seen.at(-1);
        if (last?.kind !== kind || last.level !== level)
          seen.push({ kind, level, atMs: Date.now() - startedAt });
        return until({ kind, level });
      },
      { timeout: timeoutMs, interval: 250, message: 'the coherence panel' },
    )
    .toBe(true);
  return seen;
}

async function stopExercise(page: Page): Promise<void> {
  await button(page, m.stopBreathing()).click();
  await button(page, m.stopBreathingYes()).click();
}

describe('heart-coherence breathing', () => {
  it('breathing at 6 a minute shows a high level after about a minute, and the exercise is saved and in history', async () => {
    // Real time (speed 1): the first level needs a minute of beats, which is what the runner will see.
    const app = await openApp(browser(), {
      path: '/?sim=resting&breaths=6#/breathing',
      withoutWebBluetooth: true,
    });
    const { page } = app;
    await page.getByRole('heading', { name: m.breathingTitle(), exact: true }).waitFor();
    await connectSimulatedStrap(page);
    await page.getByLabel(m.breathingDurationLabel()).selectOption('2');
    await page.getByTestId('start-breathing').click();

    await expectAttribute(page.getByTestId('pacer'), 'data-phase', 'in');
    await expect
      .poll(() => textOf(page.getByTestId('breathing-rate')))
      .toBe(m.breathsPerMinute({ rate: '6' }));
    await expectAttribute(page.getByTestId('coherence'), 'data-kind', 'waiting');
    await expectAttribute(page.getByTestId('pacer'), 'data-phase', 'out', 6000);

    const seen = await watchCoherence(page, ({ level }) => level === 'high', 90_000);
    const firstLevel = seen.find((step) => step.kind === 'level');
    // Not before a minute of beats (the panel said "waiting" until then), and not much later.
    expect(firstLevel?.atMs).toBeGreaterThan(45_000);
    expect(seen.filter((step) => step.kind === 'level').map((step) => step.level)).toEqual(['high']);
    await page.getByText(m.coherenceShowNumber(), { exact: true }).click();
    const ratio = Number(await attributeOf(page.getByTestId('coherence-ratio'), 'data-ratio'));
    expect(ratio).toBeGreaterThan(1.8);

    // The stored timeline has a point every 5 s once 64 s of samples are in: breathe a little longer for some.
    await page.waitForTimeout(12_000);
    expect(await attributeOf(page.getByTestId('coherence-level'), 'data-level')).toBe('high');
    await stopExercise(page);
    await page.waitForURL((url) => url.hash.startsWith('#/session/'));
    const sessionId = decodeURIComponent(page.url().split('#/session/')[1] ?? '');
    await page.getByTestId('breathing-summary').waitFor();
    expect(await textOf(page.getByTestId('breathing-pace'))).toBe(
      m.breathingPaceValue({ rate: '6', inhalePercent: 40 }),
    );
    expect(Number(await textOf(page.getByTestId('mean-coherence')))).toBeGreaterThan(1.8);
    await page.getByRole('heading', { name: /^Breathing exercise on /u }).waitFor();

    await openHistory(page);
    const item = page
      .getByTestId('history-list')
      .locator(`a[href="#/session/${encodeURIComponent(sessionId)}"]`);
    expect(await textOf(item)).toMatch(/^Breathing exercise on /u);

    // The trend over the weeks is one tap away on the breathing screen.
    await page.getByRole('link', { name: m.navBreathing(), exact: true }).click();
    await page.getByText(m.breathingTrendTitle(), { exact: true }).click();
    await expect
      .poll(() => textOf(page.getByTestId('breathing-trend').locator('tbody tr').first().locator('th, td')))
      .toMatch(/^This week \| \d+(\.\d)? \| 1$/u);
    app.expectNoUnhandledErrors();
  }, 150_000);

  it('white-noise beats give a low level, never a high one', async () => {
    // Coherence is measured on the beats' own time axis, so a strap simulated ten times faster than real time
    // gives the same values, sooner.
    const app = await openApp(browser(), {
      path: '/?sim=resting&noise=white&speed=10#/breathing',
      withoutWebBluetooth: true,
    });
    const { page } = app;
    await connectSimulatedStrap(page);
    await page.getByTestId('start-breathing').click();
    const seen = await watchCoherence(page, ({ level }) => level === 'low', 45_000);
    expect(seen.map((step) => step.level)).not.toContain('high');
    // Still no "high" a while later; an honest "too many unclear beats" is allowed in between.
    const later: string[] = [];
    for (const endAt = Date.now() + 8000; Date.now() < endAt;) {
      later.push(await attributeOf(page.getByTestId('coherence-level'), 'data-level'));
      await page.waitForTimeout(250);
    }
    expect(later).not.toContain('high');
    expect(later.filter((level) => level !== '')).toContain('low');
    await stopExercise(page);
    await page.waitForURL((url) => url.hash.startsWith('#/session/'));
    app.expectNoUnhandledErrors();
  }, 90_000);

  it('with reduced motion the pacer shows the words and a progress bar; without a strap it says so', async () => {
    const app = await openApp(browser(), { path: '/#/breathing', withoutWebBluetooth: true });
    const { page } = app;
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.getByTestId('start-breathing').click();
    await expectAttribute(page.getByTestId('pacer'), 'data-motion', 'reduced');
    await page.getByTestId('pacer-progress').waitFor();
    expect(await textOf(page.getByTestId('pacer'))).toBe(m.breatheIn());
    await expectAttribute(page.getByTestId('coherence'), 'data-kind', 'no-signal');
    expect(await textOf(page.getByTestId('coherence-message'))).toContain(m.coherenceProblems_noSignal());
    await stopExercise(page);
    await page.waitForURL((url) => url.hash.startsWith('#/session/'));
    app.expectNoUnhandledErrors();
  });

  it('keeps the pace an older version stored, and says "in" and "out" at each breath when the voice is chosen', async () => {
    const app = await openApp(browser(), { path: '/#/breathing', withoutWebBluetooth: true });
    const { page } = app;
    await page.getByTestId('start-breathing').waitFor();
    // As the version before the pace joined the preferences left it; the real engine still speaks every word.
    await page.evaluate(() => {
      localStorage.setItem('calm-run.breathing-pace', JSON.stringify({ '': 5 }));
    });
    await page.addInitScript(() => {
      const spoken: string[] = [];
      Object.defineProperty(window, 'calmRunSpoken', { value: spoken });
      const speak = speechSynthesis.speak.bind(speechSynthesis);
      speechSynthesis.speak = (utterance: SpeechSynthesisUtterance) => {
        spoken.push(utterance.text);
        speak(utterance);
      };
    });
    await page.reload();

    // textOf never waits: the screen is still coming up after the reload.
    await expect.poll(() => textOf(page.getByTestId('own-pace'))).toBe(m.ownPace({ rate: '5' }));
    expect(await page.getByRole('combobox', { name: m.breathingRateLabel() }).inputValue()).toBe('5');
    expect(await page.evaluate(() => localStorage.getItem('calm-run.breathing-pace'))).toBeNull();

    await page.getByLabel(m.breathingVoiceOption()).check();
    await page.getByTestId('start-breathing').click();
    await expect
      .poll(() => textOf(page.getByTestId('breathing-rate')))
      .toBe(m.breathsPerMinute({ rate: '5' }));
    const spoken = () =>
      page.evaluate(() => [...((window as unknown as { calmRunSpoken?: string[] }).calmRunSpoken ?? [])]);
    await expectAttribute(page.getByTestId('pacer'), 'data-phase', 'out', 15_000);
    await expect.poll(async () => (await spoken()).slice(0, 2)).toEqual(['in', 'out']);
    await stopExercise(page);
    await page.waitForURL((url) => url.hash.startsWith('#/session/'));
    app.expectNoUnhandledErrors();
  });
});
