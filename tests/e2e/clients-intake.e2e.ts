import { m } from '../../src/paraglide/messages.js';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, useBrowser } from './support/browser';
import { button } from './support/calm-run-page';
import { openClientPage } from './support/clients-ui';
import { expectText, textOf } from './support/expect-page';
import { importOnHistory, openHistory } from './support/sessions';
import { backupFileOf, syntheticRestingCheck } from './support/synthetic-sessions';

const browser = useBrowser();

function heading(page: Page, name: string) {
  return page.getByRole('heading', { name, exact: true, level: 1 });
}

/** Answers one yes/no question of the intake by its legend. */
async function answer(page: Page, question: string, yes: boolean): Promise<void> {
  await page
    .getByRole('group', { name: question, exact: true })
    .getByRole('radio', { name: yes ? m.intakeYes() : m.intakeNo(), exact: true })
    .check();
}

const questions = [
  m.intakeQuestions_heartOrLungDisease(),
  m.intakeQuestions_chestPain(),
  m.intakeQuestions_faintingOrDizziness(),
  m.intakeQuestions_boneOrJointProblem(),
  m.intakeQuestions_heartRateMedication(),
  m.intakeQuestions_pregnancy(),
  m.intakeQuestions_supervisedExerciseAdvice(),
  m.intakeQuestions_anythingElse(),
];

describe('clients and the intake', () => {
  it('takes a client in: a yes shows the advice before saving, and intake and advice outlive a reload', async () => {
    const app = await openApp(browser(), { path: '/#/clients' });
    const { page } = app;
    await heading(page, m.clientsTitle()).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: m.navClients() }).waitFor();

    // A nameless client is refused with a reason; a pseudonym makes one and opens their page.
    await button(page, m.clientsAdd()).click();
    await expectText(page.getByRole('alert'), m.clientsNameNeeded());
    await page.getByLabel(m.clientsNameLabel()).fill('Robin');
    await button(page, m.clientsAdd()).click();
    await heading(page, 'Robin').waitFor();
    await expectText(page.getByTestId('intake-status'), m.clientsIntakeNotDone());

    // The profile part, reused from the runner's own: an age of 46 (the over-40 advice follows from it).
    await page.getByLabel(m.age()).fill('46');
    await button(page, m.saveProfile()).click();
    await page.getByRole('status').filter({ hasText: m.profileSaved() }).waitFor();

    await page.getByRole('link', { name: m.clientIntakeTake() }).click();
    await heading(page, m.intakeTitle({ name: 'Robin' })).waitFor();
    expect(await page.getByLabel(m.age()).inputValue()).toBe('46');
    const region = page.getByTestId('intake-advice-region');
    expect(await region.getAttribute('aria-live')).toBe('polite');
    await expectText(region, m.intakeAnswerAll());

    // One yes, with a detail in the client's own words; the rest no.
    for (const question of questions)
      await answer(page, question, question === m.intakeQuestions_chestPain());
    await page
      .getByRole('group', { name: m.intakeQuestions_chestPain(), exact: true })
      .getByLabel(m.intakeDetail())
      .fill('A tight chest on the stairs, now and then');
    await page.getByRole('radio', { name: /^\+2/u }).check();
    await page.getByRole('radio', { name: /^3/u }).check();

    // The advice shows before saving: the doctor first, then the sports-medical check.
    const advice = region.getByTestId('intake-advice');
    await expectText(advice.locator('[data-advice="see-doctor-first"]'), m.intakeAdvices_seeDoctorFirst());
    await expectText(
      advice.locator('[data-advice="sports-medical-check"]'),
      m.intakeAdvices_sportsMedicalCheck(),
    );
    expect(await advice.locator('li').count()).toBe(2);

    await button(page, m.intakeSave()).click();
    await heading(page, 'Robin').waitFor();

    // The starting point: no resting check on the intake day yet, and the way to take one, for Robin.
    const robinId = decodeURIComponent(
      /^#\/clients\/([^/]+)$/u.exec(await page.evaluate(() => location.hash))?.[1] ?? '',
    );
    const startingPoint = page.getByTestId('intake-resting-check');
    expect(await textOf(startingPoint)).toContain(m.clientIntakeRestingNone());
    expect(
      await startingPoint.getByRole('link', { name: m.clientIntakeRestingTake() }).getAttribute('href'),
    ).toBe(`#/resting?runner=${encodeURIComponent(robinId)}`);
    // A resting check of Robin's taken that day (here through the backup import) shows with the intake.
    const startedAtWallMs = Math.max(Date.now() - 125_000, new Date().setHours(0, 0, 1, 0));
    await openHistory(page);
    const imported = await importOnHistory(page, {
      name: 'resting.json',
      mimeType: 'application/json',
      buffer: backupFileOf([
        syntheticRestingCheck({ id: 'robin-rest', startedAtWallMs, runnerId: robinId, runnerName: 'Robin' }),
      ]),
    });
    expect(imported.kind).toBe('imported');
    await openClientPage(page, 'Robin');
    await startingPoint.getByTestId('intake-resting-ln-rmssd').waitFor();
    expect(await textOf(startingPoint.getByTestId('intake-resting-heart-rate'))).toBe(`62 ${m.bpm()}`);
    expect(await textOf(startingPoint.getByTestId('intake-resting-ln-rmssd'))).toMatch(/^\d(\.\d{1,2})?$/u);
    expect(
      await startingPoint.getByRole('link', { name: m.clientIntakeRestingShow() }).getAttribute('href'),
    ).toBe('#/session/robin-rest');

    await page.reload();
    await heading(page, 'Robin').waitFor();
    const status = await textOf(page.getByTestId('intake-status'));
    expect(status).toMatch(new RegExp(`^${m.clientsIntakeDone({ date: '' }).trim()}`, 'u'));
    const yesAnswers = await textOf(page.getByTestId('intake-yes').locator('li'));
    expect(yesAnswers).toContain(m.intakeQuestions_chestPain());
    expect(yesAnswers).toContain('A tight chest on the stairs, now and then');
    const kept = page.getByTestId('intake-advice');
    await expectText(kept.locator('[data-advice="see-doctor-first"]'), m.intakeAdvices_seeDoctorFirst());
    await kept.locator('[data-advice="sports-medical-check"]').waitFor();
    expect(await page.getByTestId('zone-suggestion').count()).toBe(0);

    // The list says the intake is done.
    await page.getByRole('link', { name: m.clientBackToList() }).click();
    await heading(page, m.clientsTitle()).waitFor();
    const row = page.locator('[data-testid="client-row"][data-runner="Robin"]');
    expect(await textOf(row)).not.toContain(m.clientsIntakeNotDone());
    app.expectNoUnhandledErrors();
  });

  it('keeps course, goals and notes; a beta blocker suggests running by feel, on the client page and the profile', async () => {
    const app = await openApp(browser(), { path: '/#/clients' });
    const { page } = app;
    await heading(page, m.clientsTitle()).waitFor();
    await page.getByLabel(m.clientsNameLabel()).fill('Sam');
    await button(page, m.clientsAdd()).click();
    await heading(page, 'Sam').waitFor();

    await page.getByLabel(m.courseLength()).selectOption('12');
    await page.getByLabel(m.clientCourseStart()).fill('2026-01-05');
    await button(page, m.clientCourseSave()).click();
    await page.getByRole('status').filter({ hasText: m.clientCourseSaved() }).waitFor();
    await page.getByRole('textbox', { name: m.clientGoalsTitle() }).fill('Sleep better and enjoy moving');
    await button(page, m.clientGoalsSave()).click();
    await page.getByRole('status').filter({ hasText: m.clientGoalsSaved() }).waitFor();
    await page.getByLabel(m.clientNoteNew()).fill('First walk together, calm and chatty.');
    await button(page, m.clientNoteAdd()).click();
    await page
      .getByTestId('client-notes')
      .getByText('First walk together, calm and chatty.', { exact: true })
      .waitFor();

    await page.getByRole('link', { name: m.clientIntakeTake() }).click();
    await heading(page, m.intakeTitle({ name: 'Sam' })).waitFor();
    for (const question of questions)
      await answer(page, question, question === m.intakeQuestions_heartRateMedication());
    await answer(page, m.intakeBetaBlocker(), true);
    await page.getByTestId('intake-advice').locator('[data-advice="feel-or-calibrated-zone"]').waitFor();
    await button(page, m.intakeSave()).click();
    await heading(page, 'Sam').waitFor();
    await expectText(page.getByTestId('zone-suggestion'), m.intakeFeelOrCalibratedZone());

    // Sam's own profile on this device: their course and goals and the suggestion, never the notes or the answers.
    await page.evaluate(() => {
      const stored = JSON.parse(localStorage.getItem('calm-run.preferences') ?? '{}') as {
        runners?: { id: string }[];
      };
      const sam = stored.runners?.[0]?.id;
      localStorage.setItem('calm-run.preferences', JSON.stringify({ ...stored, activeRunnerId: sam }));
    });
    await page.evaluate(() => {
      location.hash = '#/profile';
    });
    await page.reload();
    await heading(page, m.profileTitle()).waitFor();
    const own = page.getByTestId('own-course');
    expect(await textOf(own)).toContain('Sleep better and enjoy moving');
    await expectText(page.getByTestId('zone-suggestion'), m.intakeFeelOrCalibratedZone());
    const main = await textOf(page.locator('main'));
    expect(main).not.toContain('First walk together');
    expect(main).not.toContain(m.intakeQuestions_heartRateMedication());

    // Erasing everything takes the client records too, with the clients' database open in this tab.
    await page.evaluate(() => {
      location.hash = '#/privacy';
    });
    await heading(page, m.privacyTitle()).waitFor();
    await button(page, m.eraseEverything()).click();
    await button(page, m.eraseConfirm()).click();
    await page.getByRole('status').filter({ hasText: m.justErased() }).waitFor();
    await page.evaluate(() => {
      location.hash = '#/clients';
    });
    await heading(page, m.clientsTitle()).waitFor();
    await page.getByText(m.clientsEmpty(), { exact: true }).waitFor();
    const records = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('calm-run');
          open.onerror = () => {
            reject(open.error ?? new Error('indexedDB.open failed'));
          };
          open.onsuccess = () => {
            const count = open.result.transaction('clients').objectStore('clients').count();
            count.onsuccess = () => {
              resolve(count.result);
              open.result.close();
            };
          };
        }),
    );
    expect(records).toBe(0);
    app.expectNoUnhandledErrors();
  });
});
