import type { Page } from 'playwright-core';
import type { ClientRecord } from '../../../src/core/clients/client-record';
import { intakeQuestionIds } from '../../../src/core/clients/intake';
import { intakeQuestionsMessages } from '../../../src/i18n/choices/intake-words';
import { m } from '../../../src/paraglide/messages.js';
import { button } from './calm-run-page';

/**
 * A therapist's record of a client, kept the way a therapist keeps it: through the clients screens. The tests
 * that need a client take one in here instead of writing the database themselves.
 */

function clientHeading(page: Page, name: string) {
  return page.getByRole('heading', { level: 1, name, exact: true });
}

/** Adds a client on #/clients (reached through the navigation) and returns their id, read from their page's address. */
export async function takeInClient(page: Page, name: string): Promise<string> {
  await page.getByRole('navigation').getByRole('link', { name: m.navClients(), exact: true }).click();
  await page.getByRole('heading', { level: 1, name: m.clientsTitle(), exact: true }).waitFor();
  await page.getByLabel(m.clientsNameLabel()).fill(name);
  await button(page, m.clientsAdd()).click();
  await clientHeading(page, name).waitFor();
  const id = /^#\/clients\/([^/?]+)$/u.exec(await page.evaluate(() => location.hash))?.[1];
  if (id === undefined) throw new Error('the client page has no client id in its address');
  return decodeURIComponent(id);
}

/** Opens a client's page through the clients list. */
export async function openClientPage(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: m.navClients(), exact: true }).click();
  await page.locator(`[data-testid="client-row"][data-runner="${name}"]`).getByRole('link', { name }).click();
  await clientHeading(page, name).waitFor();
}

/** Answers one yes/no question of the intake by its legend. */
export async function answerIntakeQuestion(page: Page, question: string, yes: boolean): Promise<void> {
  await page
    .getByRole('group', { name: question, exact: true })
    .getByRole('radio', { name: yes ? m.intakeYes() : m.intakeNo(), exact: true })
    .check();
}

/**
 * On a client's page: the course, the goals, the notes (dated today: the app dates them) and the intake (dated
 * today too) of `record`, each through its own form, back on the client's page at the end.
 */
export async function keepClientRecord(
  page: Page,
  name: string,
  record: Pick<ClientRecord, 'goals' | 'course' | 'notes' | 'intake'>,
): Promise<void> {
  if (record.course) {
    await page.getByLabel(m.courseLength()).selectOption(String(record.course.weeks));
    await page.getByLabel(m.clientCourseStart()).fill(record.course.startDate);
    await page.getByLabel(m.clientCourseRunsPerWeek()).selectOption(String(record.course.runsPerWeek));
    await button(page, m.clientCourseSave()).click();
    await page.getByRole('status').filter({ hasText: m.clientCourseSaved() }).waitFor();
  }
  if (record.goals !== '') {
    await page.getByRole('textbox', { name: m.clientGoalsTitle() }).fill(record.goals);
    await button(page, m.clientGoalsSave()).click();
    await page.getByRole('status').filter({ hasText: m.clientGoalsSaved() }).waitFor();
  }
  for (const note of record.notes) {
    await page.getByLabel(m.clientNoteNew()).fill(note.text);
    await button(page, m.clientNoteAdd()).click();
    await page.getByTestId('client-notes').getByText(note.text, { exact: true }).waitFor();
  }
  const intake = record.intake;
  if (!intake) return;
  await page.getByRole('link', { name: m.clientIntakeTake() }).click();
  await clientHeading(page, m.intakeTitle({ name })).waitFor();
  if (intake.ageYears !== undefined) await page.getByLabel(m.age()).fill(String(intake.ageYears));
  for (const question of intakeQuestionIds) {
    const text = intakeQuestionsMessages[question]();
    await answerIntakeQuestion(page, text, intake.answers[question] === 'yes');
    const detail = intake.details[question];
    if (detail !== undefined)
      await page.getByRole('group', { name: text, exact: true }).getByLabel(m.intakeDetail()).fill(detail);
    if (question === 'heart-rate-medication' && intake.answers[question] === 'yes')
      await answerIntakeQuestion(page, m.intakeBetaBlocker(), intake.heartRateBlockingMedication);
  }
  const scale = async (legend: string, value: number | undefined, label: string) => {
    if (value === undefined) return;
    await page
      .getByRole('group', { name: legend })
      .getByRole('radio', { name: new RegExp(`^${label.replace('+', '\\+')}\\b`, 'u') })
      .check();
  };
  const feeling = intake.feelingAtRest;
  await scale(
    m.feelingLegend(),
    feeling,
    feeling !== undefined && feeling > 0 ? `+${String(feeling)}` : String(feeling),
  );
  await scale(m.arousalLegend(), intake.arousalAtRest, String(intake.arousalAtRest));
  await button(page, m.intakeSave()).click();
  await clientHeading(page, name).waitFor();
}
