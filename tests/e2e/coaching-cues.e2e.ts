import { m } from '../../src/paraglide/messages.js';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './support/browser';
import { button, pairStrap } from './support/calm-run-page';
import { openAppWithBluetooth, type EmulatedStrap } from './support/emulated-strap';
import { expectAttribute } from './support/expect-page';
import { measurementPacket } from './support/sessions';

const browser = useBrowser();

/** Every sentence the app hands to speechSynthesis.speak, in order (the real engine still speaks it). */
async function watchSpeech(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const spoken: string[] = [];
    Object.defineProperty(window, 'calmRunSpoken', { value: spoken });
    const speak = speechSynthesis.speak.bind(speechSynthesis);
    speechSynthesis.speak = (utterance: SpeechSynthesisUtterance) => {
      spoken.push(utterance.text);
      speak(utterance);
    };
  });
}

async function spoken(page: Page): Promise<string[]> {
  return page.evaluate(() => [...((window as unknown as { calmRunSpoken?: string[] }).calmRunSpoken ?? [])]);
}

/** One packet a second at this heart rate, for `seconds`. */
async function beatAt(strap: EmulatedStrap, heartRateBpm: number, seconds: number): Promise<void> {
  const startedAt = Date.now();
  for (let second = 0; second < seconds; second++) {
    await sleep(Math.max(0, startedAt + second * 1000 - Date.now()));
    await strap.sendMeasurement(measurementPacket(heartRateBpm, [Math.round(60_000 / heartRateBpm)]));
  }
}

describe('coaching during a run', () => {
  it('says "slow down" once after the grace period when the runner surges, then "back in your zone"', async () => {
    const { app, bluetooth } = await openAppWithBluetooth(browser(), { path: '/#/profile' });
    const { page } = app;
    await watchSpeech(page);
    await page.reload();

    // A runner with a fixed zone of 120-140 bpm and a short grace period, so the test takes seconds, not minutes.
    await page.getByLabel(m.runnerName()).fill('Sam');
    await page.getByLabel(m.zoneMethods_fixed()).check();
    await page.getByLabel(m.lowBpm()).fill('120');
    await page.getByLabel(m.highBpm()).fill('140');
    await button(page, m.saveProfile()).click();
    await page.goto(page.url().replace(/#.*$/u, '#/settings'));
    await page.getByLabel(m.graceSeconds()).fill('3');
    await page.getByLabel(m.graceSeconds()).blur();

    await page.goto(page.url().replace(/#.*$/u, '#/'));
    await bluetooth.afterReload();
    const strap = await bluetooth.addStrap({ address: '44:55:66:77:88:99', name: 'Polar H10 coach' });
    await pairStrap(page, bluetooth, strap);
    await page.getByTestId('start-run').click();
    await page.getByText(m.freeCalmRun()).click();
    await expect
      .poll(() => page.getByTestId('planned-zone').textContent())
      .toContain(m.yourZone({ low: 120, high: 140 }));
    await button(page, m.startWithoutAnswers()).click();

    await beatAt(strap, 130, 4);
    await expectAttribute(page.getByTestId('zone-state'), 'data-state', 'in');
    await beatAt(strap, 162, 12);
    await expectAttribute(page.getByTestId('zone-state'), 'data-state', 'above');
    await beatAt(strap, 128, 10);
    await expectAttribute(page.getByTestId('zone-state'), 'data-state', 'in');
    await expect.poll(() => spoken(page), { timeout: 5000 }).toContain('Nice, back in your calm zone');

    const zoneCues = (await spoken(page)).filter((text) =>
      ['Slow down a little', 'Nice, back in your calm zone'].includes(text),
    );
    expect(zoneCues).toEqual(['Slow down a little', 'Nice, back in your calm zone']);
    await expect
      .poll(() => page.getByTestId('last-cue').textContent())
      .toContain('Nice, back in your calm zone');
    strap.expectSubscribed();
    app.expectNoUnhandledErrors();
  });
});

describe('a course run with breathing blocks', () => {
  it('starts with calm breathing: the pacer shows and the phase is announced', async () => {
    const { app } = await openAppWithBluetooth(browser(), { path: '/' });
    const { page } = app;
    await watchSpeech(page);
    await page.reload();
    await button(page, m.trySimulatedStrap()).click();
    await page.getByTestId('start-run').click();
    await page.getByText(m.courseRunChoice({ week: 1, run: 1 })).click();
    await page.getByLabel(m.breathingBlocksOption()).check();
    await button(page, m.startWithoutAnswers()).click();

    await expect.poll(() => page.getByTestId('phase').textContent()).toContain(m.phaseNames_breathing());
    await page.getByTestId('pacer').waitFor();
    await expect
      .poll(() => spoken(page), { timeout: 5000 })
      .toEqual(expect.arrayContaining([expect.stringMatching(/breathe calmly for 3 minutes/iu)]));
    // No zone cue while breathing.
    expect((await spoken(page)).filter((text) => text === 'Slow down a little')).toEqual([]);
    app.expectNoUnhandledErrors();
  });
});
