import { m } from '../../src/paraglide/messages.js';
import { overwriteGetLocale, type Locale } from '../../src/paraglide/runtime.js';
import { zoneStatesMessages } from '../../src/i18n/choices/zone-words';
import { intakeQuestionIds } from '../../src/core/clients/intake';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  axeFindings,
  describeViolations,
  messageCatalogue,
  rawKeysShown,
  type ViewViolation,
} from './support/axe';
import { openApp, useBrowser } from './support/browser';
import { chartTexts, contrastRatio, controlEdges, textLinks } from './support/contrast';
import { button, expectState, pairStrap } from './support/calm-run-page';
import { openAppWithBluetooth } from './support/emulated-strap';
import { expectAttribute, textOf } from './support/expect-page';
import { expectVisibleFocus, focusedElement, tabTo } from './support/keyboard';
import { movingElements, unreadable } from './support/layout';
import {
  afterRunSessionId,
  finishRun,
  importOnHistory,
  measurementPacket,
  saveAndShowRun,
  startRun,
} from './support/sessions';
import { backupFileOf, syntheticRestingCheck, syntheticRun } from './support/synthetic-sessions';
import { fillShareLogins, makeInvitation } from './support/share-invite';
import { keepClientRecord, openClientPage, takeInClient } from './support/clients-ui';
import { clientCourse } from './support/evaluation-course';
import {
  startNatsServer,
  testRunnerUser,
  testTherapistUser,
  type NatsTestServer,
} from '../support/nats-server';

const browser = useBrowser();
/** The live-share screens open a share group on a real server (free loopback ports), connected as in use. */
let natsServer: NatsTestServer | undefined;

beforeAll(async () => {
  natsServer = await startNatsServer('calmrun-accessibility');
});

afterAll(async () => {
  await natsServer?.stop();
});

function shareServerUrl(): string {
  if (!natsServer) throw new Error('nats-server did not start');
  return natsServer.wsUrl;
}
const locales: readonly Locale[] = ['en', 'nl'];
const schemes = ['light', 'dark'] as const;
const { keys } = messageCatalogue(fileURLToPath(new URL('../../messages/en.json', import.meta.url)));
const wordsOf: Record<Locale, Set<string>> = {
  en: messageCatalogue(fileURLToPath(new URL('../../messages/en.json', import.meta.url))).words,
  nl: messageCatalogue(fileURLToPath(new URL('../../messages/nl.json', import.meta.url))).words,
};

// The test's own message functions speak the language under test, so the shared helpers find the Dutch buttons too.
let testLocale: Locale = 'en';
overwriteGetLocale(() => testLocale);
afterEach(() => {
  testLocale = 'en';
});

/** Words on screen that come from data, not messages: the simulated strap's own (English) name. */
const dataOnScreen = ['Calm Run simulated strap'];

/** The language stored before the app's code runs, as if the runner had picked it in the settings. */
async function storeLocale(context: BrowserContext, locale: Locale): Promise<void> {
  await context.addInitScript((chosen: string) => {
    localStorage.setItem('calm-run.locale', chosen);
  }, locale);
}

/** Moves to a screen by its address and waits for its first-level heading (or `ready`). */
async function goTo(page: Page, hash: string, heading?: string): Promise<void> {
  await page.evaluate((target) => {
    location.hash = target;
  }, hash);
  await page.waitForURL((url) => url.hash === hash);
  if (heading !== undefined)
    await page.getByRole('heading', { name: heading, exact: true, level: 1 }).waitFor();
}

/** On the profile screen: a runner with a fixed zone, saved, so a run shows its zone state. */
async function saveFixedZone(page: Page, lowBpm: number, highBpm: number): Promise<void> {
  await page.getByLabel(m.runnerName()).fill('Sam');
  await page.getByLabel(m.zoneMethods_fixed()).check();
  await page.getByLabel(m.lowBpm()).fill(String(lowBpm));
  await page.getByLabel(m.highBpm()).fill(String(highBpm));
  await button(page, m.saveProfile()).click();
}

/** What the sweep carries from one step to the next. */
interface SweepState {
  sessionId: string;
  /** The live-share invitation made on the group screen, opened later as the runner would. */
  shareLink: string;
}

/**
 * The sweep, in order: each step brings the page to a state; a step with a `screen` name is then checked. Steps build
 * on each other (a strap connected, a run recorded), so a new screen is one line in the right place.
 */
interface Step {
  screen?: string;
  show: (page: Page, state: SweepState) => Promise<void>;
}

const steps: readonly Step[] = [
  {
    screen: 'home, no strap',
    show: async (page) => {
      await goTo(page, '#/');
      await button(page, m.connectStrap()).waitFor();
    },
  },
  // No runner yet: the before-run screen links to the profile.
  {
    screen: 'before run, no profile yet',
    show: async (page) => {
      await goTo(page, '#/start', m.beforeRunTitle());
      await page.getByRole('link', { name: m.setUpProfile() }).waitFor();
    },
  },
  { screen: 'profile', show: (page) => goTo(page, '#/profile', m.profileTitle()) },
  // A runner with a fixed zone, so the run screen shows a zone state.
  { show: (page) => saveFixedZone(page, 100, 140) },
  { screen: 'course', show: (page) => goTo(page, '#/course', m.courseTitle()) },
  {
    screen: 'course, editor open',
    show: async (page) => {
      await button(page, m.courseEdit()).click();
      await page.getByRole('heading', { name: m.courseEditorTitle(), exact: true }).waitFor();
    },
  },
  { screen: 'settings', show: (page) => goTo(page, '#/settings', m.settingsTitle()) },
  { screen: 'privacy', show: (page) => goTo(page, '#/privacy', m.privacyTitle()) },
  {
    screen: 'privacy, erase question open',
    show: async (page) => {
      await button(page, m.eraseEverything()).click();
      await button(page, m.eraseCancel()).waitFor();
    },
  },
  {
    screen: 'home, simulated strap live',
    show: async (page) => {
      await goTo(page, '#/');
      await button(page, m.trySimulatedStrap()).click();
      await expectState(page, 'live');
      await page.getByTestId('heart-rate').filter({ hasText: /\d/u }).waitFor();
    },
  },
  { screen: 'before run', show: (page) => goTo(page, '#/start', m.beforeRunTitle()) },
  {
    screen: 'run, recording',
    show: async (page) => {
      await goTo(page, '#/');
      await startRun(page);
      await page.getByTestId('zone-state').waitFor();
    },
  },
  {
    screen: 'after run',
    show: async (page, state) => {
      state.sessionId = await finishRun(page);
    },
  },
  {
    screen: 'session detail, sections open',
    show: async (page, state) => {
      await saveAndShowRun(page, state.sessionId);
      for (const summary of await page.locator('main details:not([open]) > summary').all())
        await summary.click();
      await page.locator('canvas').first().waitFor();
    },
  },
  {
    screen: 'history, a few runs',
    show: async (page) => {
      await goTo(page, '#/history', m.historyTitle());
      const day = Date.UTC(2026, 0, 10, 8);
      await importOnHistory(page, {
        name: 'runs.json',
        mimeType: 'application/json',
        buffer: backupFileOf([
          syntheticRun({ id: 'a11y-1', startedAtWallMs: day, durationS: 600 }),
          syntheticRun({ id: 'a11y-2', startedAtWallMs: day + 86_400_000, durationS: 900, bpm: 130 }),
          syntheticRestingCheck({ id: 'a11y-resting', startedAtWallMs: day + 2 * 86_400_000 }),
        ]),
      });
      await page.getByTestId('history-list').waitFor();
    },
  },
  {
    screen: 'session detail, resting check, sections open',
    show: async (page) => {
      await goTo(page, '#/session/a11y-resting');
      await page.getByTestId('resting-figures').waitFor();
      for (const summary of await page.locator('main details:not([open]) > summary').all())
        await summary.click();
      await page.locator('canvas').first().waitFor();
    },
  },
  {
    screen: 'client evaluation, 12 weeks of runs',
    show: async (page) => {
      // Taken in as a therapist does, with the course on their page; the runs come in through the backup import.
      const runnerId = await takeInClient(page, 'Anna');
      const course = clientCourse({ runnerId, name: 'Anna', runs: 36, restingChecks: 3 });
      await goTo(page, '#/history', m.historyTitle());
      await importOnHistory(page, {
        name: 'client.json',
        mimeType: 'application/json',
        buffer: backupFileOf(course.sessions),
      });
      await openClientPage(page, 'Anna');
      // The intake has its own steps below (Robin's).
      const { intake: _intake, ...record } = course.record;
      await keepClientRecord(page, 'Anna', record);
      await page.getByRole('link', { name: m.clientReport(), exact: true }).click();
      await page
        .getByRole('heading', { name: m.reportTitle({ name: 'Anna' }), exact: true, level: 1 })
        .waitFor();
      await page.locator('[data-testid="evaluation-report"][data-drawn="true"]').waitFor();
    },
  },
  {
    screen: 'group setup, runners and straps',
    show: async (page) => {
      await goTo(page, '#/group', m.groupTitle());
      await page.getByTestId('try-simulated-group').click();
      await expectAttribute(
        page.getByTestId('group-strap-row').getByTestId('connection-state'),
        'data-state',
        Array.from({ length: 8 }, () => 'live').join(' | '),
      );
      // One runner says how they feel; the others skip.
      const row = page.getByTestId('mood-row').first();
      await row.getByTestId('mood-feeling').selectOption('2');
      await row.getByTestId('mood-arousal').selectOption('3');
    },
  },
  {
    screen: 'group setup, live share invitation shown',
    show: async (page, state) => {
      await fillShareLogins(page, testRunnerUser, testTherapistUser);
      state.shareLink = (await makeInvitation(page, shareServerUrl(), 'Anna')).link;
      await page.locator('[data-testid="share-group-state"][data-link-state="connected"]').waitFor();
    },
  },
  {
    screen: 'group setup, live share problem',
    show: async (page) => {
      await page.getByLabel(m.shareServerLabel()).fill('http://nats.example.org');
      await page.getByTestId('share-create').click();
      await page.getByTestId('share-problem').waitFor();
      await page.getByLabel(m.shareServerLabel()).fill(shareServerUrl());
    },
  },
  {
    screen: 'group run, live tiles, one raised',
    show: async (page) => {
      await page.getByTestId('start-group-run').click();
      await page.waitForURL((url) => url.hash === '#/group/run');
      await expect
        .poll(() =>
          page.getByTestId('group-tile').getByTestId('heart-rate').filter({ hasText: /\d/u }).count(),
        )
        .toBe(8);
      // Hanna's strap battery is low: her tile rises.
      await page.locator('[data-testid="group-tile"][data-runner="Hanna"][data-raised="true"]').waitFor();
    },
  },
  {
    screen: 'group run, after',
    show: async (page) => {
      await button(page, m.groupFinishAll()).click();
      await button(page, m.finishYes()).click();
      await page.getByRole('heading', { name: m.groupAfterTitle(), exact: true, level: 1 }).waitFor();
      await page.getByTestId('group-summary-row').first().waitFor();
    },
  },
  {
    screen: 'join, an invitation',
    show: async (page, state) => {
      await goTo(page, new URL(state.shareLink).hash, m.joinTitle());
      await page.getByTestId('join-agree').waitFor();
    },
  },
  {
    screen: 'join, agreed',
    show: async (page) => {
      await page.getByTestId('join-agree').click();
      await page.getByTestId('join-decision').waitFor();
    },
  },
  {
    screen: 'before run, runs shared',
    show: async (page) => {
      await goTo(page, '#/start', m.beforeRunTitle());
      await page.getByTestId('share-forget').waitFor();
    },
  },
  {
    screen: 'join, a refused link',
    show: async (page, state) => {
      await goTo(page, new URL(state.shareLink).hash.replace('v=1', 'v=9'), m.joinTitle());
      await page.getByTestId('join-refusal').waitFor();
    },
  },
  {
    screen: 'join, scan or paste, paste refused',
    show: async (page) => {
      await goTo(page, '#/join', m.joinTitle());
      await page.getByLabel(m.joinPasteLabel()).fill('https://example.org/');
      await button(page, m.joinPasteOpen()).click();
      await page.getByTestId('join-refusal').waitFor();
    },
  },
  {
    screen: 'resting check, setup',
    show: async (page) => {
      await goTo(page, '#/resting', m.restingTitle());
      await page.getByTestId('resting-strap').waitFor();
    },
  },
  {
    screen: 'resting check, counting down',
    show: async (page) => {
      await page.getByTestId('start-resting').click();
      await page.getByTestId('resting-running').waitFor();
    },
  },
  {
    screen: 'resting check, stop question',
    show: async (page) => {
      await button(page, m.restingStop()).click();
      await button(page, m.restingKeepGoing()).waitFor();
    },
  },
  {
    screen: 'resting check, stopped early',
    show: async (page) => {
      await button(page, m.restingStopYes()).click();
      await page.getByTestId('resting-discarded').waitFor();
    },
  },
  { screen: 'clients, the list', show: (page) => goTo(page, '#/clients', m.clientsTitle()) },
  {
    screen: 'client page, new client',
    show: async (page) => {
      await page.getByLabel(m.clientsNameLabel()).fill('Robin');
      await button(page, m.clientsAdd()).click();
      await page.getByRole('heading', { name: 'Robin', exact: true, level: 1 }).waitFor();
    },
  },
  {
    screen: 'intake, answered, advice shown',
    show: async (page) => {
      await page.getByRole('link', { name: m.clientIntakeTake() }).click();
      await page
        .getByRole('heading', { name: m.intakeTitle({ name: 'Robin' }), exact: true, level: 1 })
        .waitFor();
      await page.getByLabel(m.age()).fill('52');
      for (const question of intakeQuestionIds) {
        const medication = question === 'heart-rate-medication';
        await page
          .locator(`[data-question="${question}"]`)
          .getByRole('radio', { name: medication ? m.intakeYes() : m.intakeNo(), exact: true })
          .check();
      }
      await page
        .locator('[data-question="heart-rate-blocking"]')
        .getByRole('radio', { name: m.intakeYes(), exact: true })
        .check();
      await page.getByTestId('intake-advice').locator('[data-advice="see-doctor-first"]').waitFor();
    },
  },
  {
    screen: 'client page, intake and a note',
    show: async (page) => {
      await button(page, m.intakeSave()).click();
      await page.getByRole('heading', { name: 'Robin', exact: true, level: 1 }).waitFor();
      await page.getByLabel(m.clientNoteNew()).fill('Calm first walk.');
      await button(page, m.clientNoteAdd()).click();
      await page.getByTestId('client-notes').waitFor();
      await page.getByLabel(m.courseLength()).selectOption('12');
      await page.getByLabel(m.clientCourseStart()).fill('2026-01-05');
      await button(page, m.clientCourseSave()).click();
      await page.getByRole('status').filter({ hasText: m.clientCourseSaved() }).waitFor();
      await page.getByTestId('zone-suggestion').waitFor();
    },
  },
  {
    screen: 'client page, a note being deleted',
    show: async (page) => {
      await page
        .getByTestId('client-notes')
        .getByRole('button', { name: m.clientNoteDeleteButton() })
        .click();
      await button(page, m.clientNoteDeleteNo()).waitFor();
    },
  },
  // Robin on this device as the runner: their own course and the suggestion on their profile.
  {
    screen: 'profile, own course and zone suggestion',
    show: async (page) => {
      await goTo(page, '#/profile', m.profileTitle());
      await button(page, m.useRunner({ name: 'Robin' })).click();
      await page.getByTestId('own-course').waitFor();
      await page.getByTestId('zone-suggestion').waitFor();
    },
  },
  { screen: 'breathing, setup', show: (page) => goTo(page, '#/breathing', m.breathingTitle()) },
  {
    screen: 'breathing, running',
    show: async (page) => {
      await page.getByTestId('start-breathing').click();
      await page.getByTestId('pacer').waitFor();
    },
  },
];

/**
 * What axe could not decide alone fails the sweep too, except doubts looked at by hand:
 * - colour contrast of an element that holds only a symbol: the course's ● and ○ marks, hidden from screen readers,
 *   each beside words that say the same ("Run 2: done twice"); a decoration, not text.
 * - colour contrast of text in an SVG chart (the evaluation's), whose background axe cannot find: the sweep measures
 *   each such text against the background behind its chart itself (chartTexts below).
 */
function acceptedDoubt(
  rule: string,
  node: { target: string; why: string },
  chartTextTargets: ReadonlySet<string>,
): boolean {
  if (rule !== 'color-contrast') return false;
  return node.why.includes('only non-text characters') || chartTextTargets.has(node.target);
}

/** Which of axe's targets are texts inside an SVG chart (see chartTexts). */
async function chartTextTargetsOf(page: Page, targets: readonly string[]): Promise<Set<string>> {
  const found = await page.evaluate(
    (candidates) =>
      candidates.filter(
        (target) => document.querySelector(target)?.matches('figure svg[role="img"] text') === true,
      ),
    [...targets],
  );
  return new Set(found);
}

/** axe in both colour schemes, the page's language, and no message key shown instead of its text. */
async function checkView(
  page: Page,
  screen: string,
  locale: Locale,
  violations: ViewViolation[],
  incomplete: ViewViolation[],
  problems: string[],
): Promise<void> {
  for (const scheme of schemes) {
    await page.emulateMedia({ colorScheme: scheme });
    const dark = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
    expect(dark, `the ${scheme} scheme is emulated`).toBe(scheme === 'dark');
    const findings = await axeFindings(page);
    for (const violation of findings.violations) violations.push({ ...violation, screen, locale, scheme });
    const chartTextTargets = await chartTextTargetsOf(
      page,
      findings.incomplete.flatMap((doubt) => doubt.nodes.map((node) => node.target)),
    );
    for (const doubt of findings.incomplete) {
      const nodes = doubt.nodes.filter((node) => !acceptedDoubt(doubt.id, node, chartTextTargets));
      if (nodes.length > 0) incomplete.push({ ...doubt, nodes, screen, locale, scheme });
    }
    // axe does not measure non-text contrast (WCAG 1.4.11): the edge of a field needs 3:1 against what is behind it.
    for (const edge of await controlEdges(page)) {
      const ratio = contrastRatio(edge.border, edge.background);
      if (ratio < 3)
        problems.push(
          `[${screen} | ${locale} | ${scheme}] ${edge.name}: border ${edge.border} on ${edge.background} is ${ratio.toFixed(2)}:1`,
        );
    }
    // Text in an SVG chart: at least 4.5:1 against what is behind the chart (axe cannot tell).
    for (const text of await chartTexts(page)) {
      const ratio = contrastRatio(text.fill, text.background);
      if (ratio < 4.5)
        problems.push(
          `[${screen} | ${locale} | ${scheme}] ${text.name}: fill ${text.fill} on ${text.background} is ${ratio.toFixed(2)}:1`,
        );
    }
    // Links in text look like the app's links, not the browser's blue: its accent, underlined (never colour alone),
    // and at least 3:1 against what is behind them.
    for (const link of await textLinks(page)) {
      const ratio = contrastRatio(link.color, link.background);
      if (link.color !== link.accent || !link.underlined || ratio < 3)
        problems.push(
          `[${screen} | ${locale} | ${scheme}] ${link.name}: ${link.color} (accent ${link.accent}) on ${link.background} is ${ratio.toFixed(2)}:1, underlined: ${link.underlined}`,
        );
    }
  }
  const lang = await page.evaluate(() => document.documentElement.lang);
  if (lang !== locale) problems.push(`[${screen} | ${locale}] <html lang="${lang}">`);
  const raw = await rawKeysShown(page, keys, wordsOf[locale], dataOnScreen);
  if (raw.length > 0) problems.push(`[${screen} | ${locale}] message keys on screen: ${raw.join(', ')}`);
}

describe('accessibility: WCAG 2.2 AA on every screen', () => {
  for (const locale of locales) {
    it(`has no axe violations, in ${locale}, light and dark`, async () => {
      testLocale = locale;
      const violations: ViewViolation[] = [];
      const incomplete: ViewViolation[] = [];
      const problems: string[] = [];

      const app = await openApp(browser(), {
        path: '/?sim=calmRun&speed=10',
        beforeLoad: (context) => storeLocale(context, locale),
      });
      const state: SweepState = { sessionId: '', shareLink: '' };
      for (const step of steps) {
        await step.show(app.page, state);
        if (step.screen !== undefined)
          await checkView(app.page, step.screen, locale, violations, incomplete, problems);
      }

      // A browser without Web Bluetooth gets its explanation on the home screen.
      const without = await openApp(browser(), {
        withoutWebBluetooth: true,
        beforeLoad: (context) => storeLocale(context, locale),
      });
      await without.page.getByTestId('unsupported-browser').waitFor();
      await checkView(
        without.page,
        'home, browser without Bluetooth',
        locale,
        violations,
        incomplete,
        problems,
      );

      expect(describeViolations(violations), 'axe-core violations').toBe('');
      expect(describeViolations(incomplete), 'what axe could not decide').toBe('');
      expect(problems, 'language, message keys and field edges').toEqual([]);
      app.expectNoUnhandledErrors();
      without.expectNoUnhandledErrors();
    }, 180_000);
  }
});

describe('accessibility: keyboard', () => {
  it('the skip link jumps past the navigation to the screen', async () => {
    const app = await openApp(browser(), { path: '/?sim=calmRun&speed=10' });
    const { page } = app;
    await button(page, m.trySimulatedStrap()).waitFor();
    const skip = await tabTo(page, m.skipToContent(), { maxPresses: 1 });
    expect(skip.description).toMatch(/^a /u);
    const box = await page.getByRole('link', { name: m.skipToContent() }).boundingBox();
    expect(box && box.x >= 0 && box.y >= 0, 'the focused skip link is on screen').toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    // The next Tab lands on the screen's first control, not in the header's navigation.
    await page.keyboard.press('Tab');
    expectVisibleFocus(await focusedElement(page));
    expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
    app.expectNoUnhandledErrors();
  });

  it('completes a run by keyboard alone, with the focus always visible', async () => {
    const app = await openApp(browser(), { path: '/?sim=calmRun&speed=10' });
    const { page } = app;
    await button(page, m.trySimulatedStrap()).waitFor();

    await tabTo(page, m.trySimulatedStrap());
    await page.keyboard.press('Enter');
    await expectState(page, 'live');
    // The pressed button has gone with the connect screen: the focus went to the strap, not to the page's top.
    expect(await page.evaluate(() => document.activeElement?.classList.contains('straps'))).toBe(true);
    expectVisibleFocus(await focusedElement(page));
    // Shift+Tab goes back the same way.
    await tabTo(page, m.startRun(), { backwards: true });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: m.beforeRunTitle(), exact: true }).waitFor();

    await tabTo(page, m.startWithoutAnswers());
    await page.keyboard.press('Space');
    await expectAttribute(page.getByTestId('recording-state'), 'data-status', 'recording');

    // Pause and resume with the same button, which keeps the focus.
    await tabTo(page, m.pause());
    await page.keyboard.press('Space');
    await expectAttribute(page.getByTestId('recording-state'), 'data-status', 'paused');
    expect((await focusedElement(page))?.name).toBe(m.resume());
    await page.keyboard.press('Enter');
    await expectAttribute(page.getByTestId('recording-state'), 'data-status', 'recording');

    await tabTo(page, m.finishRun());
    await page.keyboard.press('Space');
    // The question takes the focus; the next Tab reaches "Yes, finish".
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('group');
    expectVisibleFocus(await focusedElement(page));
    await tabTo(page, m.finishYes());
    await page.keyboard.press('Enter');
    const sessionId = await afterRunSessionId(page);

    // A scale answered with the arrow keys: Tab into the group, then move along it.
    await tabTo(page, /^-?\d/u);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('input[type="radio"]:checked').count()).toBeGreaterThan(0);
    expectVisibleFocus(await focusedElement(page));

    await tabTo(page, m.saveAndShowSummary());
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.hash === `#/session/${encodeURIComponent(sessionId)}`);
    await page.getByTestId('session-summary').waitFor();
    app.expectNoUnhandledErrors();
  });
});

describe('accessibility: the live numbers at 200 % text on a small phone', () => {
  it('keeps the heart rate, zone word, phase and clock whole and apart', async () => {
    const app = await openApp(browser(), { path: '/?sim=calmRun&speed=10#/profile' });
    const { page } = app;
    await page.setViewportSize({ width: 360, height: 740 });
    await saveFixedZone(page, 100, 140);
    await goTo(page, '#/');
    await page.evaluate(() => {
      document.documentElement.style.fontSize = '200%';
    });
    await button(page, m.trySimulatedStrap()).click();
    await expectState(page, 'live');
    await page.getByTestId('heart-rate').filter({ hasText: /\d/u }).waitFor();
    expect(await unreadable(page, ['[data-testid="heart-rate"]', '[data-testid="heart-rate"] + p'])).toEqual(
      [],
    );

    await startRun(page);
    await page.getByTestId('zone-state').waitFor();
    await page.getByTestId('phase').waitFor();
    expect(
      await unreadable(page, [
        '[data-testid="heart-rate"]',
        '[data-testid="zone-state"] [aria-live]',
        '[data-testid="run-clock"]',
        '[data-testid="recording-state"]',
        '[data-testid="phase"] p',
      ]),
    ).toEqual([]);
    app.expectNoUnhandledErrors();
  });
});

describe('accessibility: a phone turned from landscape to portrait mid-run', () => {
  /** Landscape, then portrait: how far the page then runs off sideways, and how wide the canvases are. */
  async function turnToPortrait(page: Page): Promise<{ overflowPx: number; canvasWidthsPx: number[] }> {
    const canvasesFit = (maxWidthPx: number) =>
      Array.from(document.querySelectorAll('canvas')).every(
        (canvas) => canvas.getBoundingClientRect().width <= maxWidthPx,
      );
    await page.setViewportSize({ width: 900, height: 700 });
    // Landscape first: Chart.js takes the wide size at its next frames.
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('canvas')).every(
        (canvas) => canvas.getBoundingClientRect().width > 600,
      ),
    );
    await page.setViewportSize({ width: 360, height: 740 });
    // Then it follows its container down, if the container lets it; the figures below say if not.
    await page.waitForFunction(canvasesFit, 360, { timeout: 2_000 }).catch(() => undefined);
    return page.evaluate(() => ({
      overflowPx: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      canvasWidthsPx: Array.from(document.querySelectorAll('canvas')).map((canvas) =>
        Math.round(canvas.getBoundingClientRect().width),
      ),
    }));
  }

  it('the live chart narrows with the screen, on home and on the run screen: nothing runs off sideways', async () => {
    const app = await openApp(browser(), { path: '/?sim=calmRun&speed=10' });
    const { page } = app;
    await page.setViewportSize({ width: 900, height: 700 });
    await button(page, m.trySimulatedStrap()).click();
    await expectState(page, 'live');
    await page.locator('canvas').first().waitFor();
    const home = await turnToPortrait(page);
    expect(home.overflowPx).toBe(0);
    expect(home.canvasWidthsPx).toHaveLength(2);
    // Before the fix, both canvases kept their landscape width (834 px) and the page scrolled sideways.
    for (const widthPx of home.canvasWidthsPx) expect(widthPx).toBeLessThanOrEqual(360);

    await startRun(page);
    await page.locator('canvas').first().waitFor();
    const run = await turnToPortrait(page);
    expect(run.overflowPx).toBe(0);
    for (const widthPx of run.canvasWidthsPx) expect(widthPx).toBeLessThanOrEqual(360);
    app.expectNoUnhandledErrors();
  });
});

describe('accessibility: the zone in words, shape and a polite live region', () => {
  it('announces a zone change politely, and each zone state has its own word and shape', async () => {
    const { app, bluetooth } = await openAppWithBluetooth(browser(), { path: '/#/profile' });
    const { page } = app;
    await saveFixedZone(page, 120, 140);
    await goTo(page, '#/');
    const strap = await bluetooth.addStrap({ address: '44:55:66:77:88:AA', name: 'Polar H10 zone' });
    await pairStrap(page, bluetooth, strap);
    await startRun(page);

    const zone = page.getByTestId('zone-state');
    const region = zone.locator('[aria-live]');
    expect(await region.getAttribute('aria-live')).toBe('polite');
    await region.evaluate((element) => {
      element.setAttribute('data-first-node', '');
    });
    await strap.sendMeasurement(measurementPacket(130, [462]));
    await expectAttribute(zone, 'data-state', 'in');
    const calm = await textOf(region);
    expect(calm).toContain(m.zoneStates_in());
    await strap.sendMeasurement(measurementPacket(95, [632]));
    await strap.sendMeasurement(measurementPacket(95, [632]));
    await expectAttribute(zone, 'data-state', 'below');
    const easy = await textOf(region);
    expect(easy).toContain(m.zoneStates_below());
    expect(easy).not.toBe(calm);
    // Above the zone within the grace period (20 s here): said gently, in words of its own, not "Calm".
    for (let packet = 0; packet < 10; packet++) await strap.sendMeasurement(measurementPacket(160, [375]));
    await expectAttribute(zone, 'data-state', 'above-pending');
    const justAbove = await textOf(zone);
    expect(justAbove).toContain(m.zoneStates_abovePending());
    expect(justAbove).toContain(m.zoneStateHints_abovePending());
    expect(justAbove).not.toContain(m.zoneStates_in());
    // The same live node was updated: a region put in anew is not announced by every screen reader.
    expect(await region.getAttribute('data-first-node')).toBe('');

    // Each state the screen can show: its word, and a shape that differs by more than colour.
    const states = ['no-reading', 'below', 'in', 'above-pending', 'above'] as const;
    const words = states.map((state) => zoneStatesMessages[state]());
    expect(new Set(words).size, words.join(', ')).toBe(states.length);
    const shapes = await zone.evaluate((element, all) => {
      const shape = element.querySelector('.shape');
      if (!shape) return [];
      const before = element.getAttribute('data-state') ?? '';
      const result = all.map((state) => {
        element.setAttribute('data-state', state);
        const style = getComputedStyle(shape);
        return `${style.clipPath} | ${style.borderRadius} | ${style.borderTopStyle} ${style.borderTopWidth}`;
      });
      element.setAttribute('data-state', before);
      return result;
    }, states);
    expect(new Set(shapes).size, shapes.join('\n')).toBe(states.length);
    strap.expectSubscribed();
    app.expectNoUnhandledErrors();
  });
});

describe('accessibility: reduced motion', () => {
  it('stops every animation and transition, the breathing pacer and the run screen included', async () => {
    const app = await openApp(browser(), { path: '/?sim=calmRun&speed=10#/breathing' });
    const { page } = app;
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await button(page, m.trySimulatedStrap()).click();
    await page.getByTestId('breathing-strap').waitFor();
    await page.getByTestId('start-breathing').click();
    await expectAttribute(page.getByTestId('pacer'), 'data-motion', 'reduced');
    expect(await movingElements(page)).toEqual([]);
    await button(page, m.stopBreathing()).click();
    await button(page, m.stopBreathingYes()).click();
    await page.waitForURL((url) => url.hash.startsWith('#/session/'));
    await goTo(page, '#/');
    await startRun(page);
    expect(await movingElements(page)).toEqual([]);
    app.expectNoUnhandledErrors();
  });
});
