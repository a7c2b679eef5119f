import { m } from '../../src/paraglide/messages.js';
import { describe, expect, it } from 'vitest';
import { openApp, useBrowser } from './support/browser';
import { button, expectState } from './support/calm-run-page';
import { expectNumber, expectText, textOf } from './support/expect-page';
import {
  clockSeconds,
  expectRecordingStatus,
  finishRun,
  saveAndShowRun,
  startRun,
  storedCounts,
} from './support/sessions';

const browser = useBrowser();

describe('a second tab', () => {
  it('cannot record while the first one does, says why, and can once the first has finished', async () => {
    const app = await openApp(browser());
    const first = app.page;
    await button(first, m.trySimulatedStrap()).click();
    await expectState(first, 'live');
    await startRun(first);

    // The same app in another tab of the same browser profile.
    const second = await app.context.newPage();
    const secondProblems: string[] = [];
    second.on('pageerror', (error) => {
      secondProblems.push(`pageerror: ${error.name}: ${error.message}`);
    });
    second.on('console', (message) => {
      if (message.type() === 'error') secondProblems.push(`console.error: ${message.text()}`);
    });
    await second.goto(first.url().replace(/#.*$/u, '#/'));
    await second.getByTestId('start-run').click();
    await button(second, m.startWithoutAnswers()).click();
    await expectText(second.getByRole('alert'), m.heldElsewhere());
    expect(second.url()).toMatch(/#\/start$/u);
    expect(await second.getByTestId('recording-state').count()).toBe(0);
    expect(await storedCounts(second), 'one session only').toMatchObject({ sessions: 1, history: 1 });

    // The first tab records on, undisturbed, and stores its samples.
    await expectRecordingStatus(first, 'recording');
    await expectNumber(
      async () => clockSeconds(await textOf(first.getByTestId('run-clock'))),
      (seconds) => seconds >= 3,
      "the first tab's run clock going on",
    );
    await expectNumber(
      async () => (await storedCounts(first)).chunks,
      (chunks) => chunks >= 1,
      'the first tab storing chunks',
    );
    expect((await storedCounts(first)).sessions).toBe(1);

    // Once the first tab has finished, the second may record.
    const firstId = await finishRun(first);
    await saveAndShowRun(first, firstId);
    await button(second, m.startWithoutAnswers()).click();
    await expectRecordingStatus(second, 'recording');
    expect(await second.getByRole('alert').count()).toBe(0);
    await expectNumber(
      async () => (await storedCounts(second)).sessions,
      (sessions) => sessions === 2,
      "the second tab's run stored",
    );

    expect(secondProblems, 'nothing thrown in the second tab').toEqual([]);
    app.expectNoUnhandledErrors();
  });
});
