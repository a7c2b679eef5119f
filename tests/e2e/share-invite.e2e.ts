import { m } from '../../src/paraglide/messages.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseInvitationLink } from '../../src/core/share/invitation-link';
import { chromiumArgs, chromiumPath, openApp, openAppIn, useBrowser } from './support/browser';
import { button } from './support/calm-run-page';
import { expectText, textOf } from './support/expect-page';
import { TEST_SHARE_SERVERS } from './support/production-build';
import {
  agreeToInvitation,
  fillShareLogins,
  makeInvitation,
  readShownQrCode,
  writeQrVideo,
} from './support/share-invite';
import {
  natsServerPath,
  startNatsServer,
  testRunnerUser,
  testTherapistUser,
  type NatsTestServer,
} from '../support/nats-server';

/** Making an invitation opens the share group on the server: a real one on a free loopback port. */
const serverMissing = natsServerPath() === undefined;
if (serverMissing && process.env.CI === 'true') throw new Error('nats-server is required under CI');
const browser = useBrowser();
const therapist = 'Anna de Vries';
let server: NatsTestServer | undefined;

beforeAll(async () => {
  if (!serverMissing) server = await startNatsServer('calmrun-share-invite');
});

afterAll(async () => {
  await server?.stop();
});

function serverUrl(): string {
  if (!server) throw new Error('nats-server did not start');
  return server.wsUrl;
}

/** The therapist's invitation, made with the server's logins as a practice sets them once. */
async function invite(page: Page): Promise<{ link: string }> {
  await fillShareLogins(page, testRunnerUser, testTherapistUser);
  return makeInvitation(page, serverUrl(), therapist);
}

async function openGroupScreen(page: Page): Promise<void> {
  await page.evaluate(() => {
    location.hash = '#/group';
  });
  await page.getByRole('heading', { name: m.shareTitle(), exact: true, level: 2 }).waitFor();
}

function storedAcceptedQuery(page: Page): Promise<string | undefined> {
  return page.evaluate(() => {
    const stored = localStorage.getItem('calm-run.share-accepted');
    return stored === null ? undefined : (JSON.parse(stored) as { query: string }).query;
  });
}

describe.skipIf(serverMissing)('live share invitation: the therapist', () => {
  it('shows the invitation as a QR code and a link that read back as the same invitation, and copies the link', async () => {
    const app = await openApp(browser());
    const { page, context } = app;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(inject('baseUrl')).origin,
    });
    await openGroupScreen(page);
    const { link } = await invite(page);

    const base = new URL(inject('baseUrl'));
    expect(link.startsWith(`${base.origin}/#/join?v=1&`), link).toBe(true);
    const parsed = parseInvitationLink(link);
    if (!parsed.ok) throw new Error(`the link shown is refused: ${parsed.refusal}`);
    expect(parsed.invitation).toMatchObject({ serverUrl: serverUrl(), invitedBy: therapist });
    expect(parsed.invitation.groupId).toMatch(/^[a-z2-7]{24}$/u);
    // The key rides in the fragment only: nothing of the invitation is in the part a browser sends.
    const sent = new URL(link);
    expect(`${sent.origin}${sent.pathname}${sent.search}`).toBe(`${base.origin}/`);

    expect(await readShownQrCode(page)).toBe(link);
    expect(await page.getByRole('img', { name: m.shareQrLabel({ name: therapist }) }).count()).toBe(1);

    await button(page, m.shareCopyLink()).click();
    await page.getByRole('status').filter({ hasText: m.shareCopied() }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

    // Typed once: the next visit has the server and the name already.
    await page.reload();
    await openGroupScreen(page);
    expect(await page.getByLabel(m.shareServerLabel()).inputValue()).toBe(serverUrl());
    expect(await page.getByLabel(m.shareInvitedByLabel()).inputValue()).toBe(therapist);
    // A new invitation is a new group with a new key.
    await page.getByTestId('share-create').click();
    await expect.poll(() => page.getByTestId('share-link').inputValue()).not.toBe(link);
    app.expectNoUnhandledErrors();
  });

  it('says what to fix: a server that is not wss, one this build cannot reach, no name', async () => {
    const app = await openApp(browser());
    const { page } = app;
    await openGroupScreen(page);
    const problem = page.getByTestId('share-problem');
    await page.getByLabel(m.shareServerLabel()).fill('http://nats.example.org');
    await page.getByTestId('share-create').click();
    await expectText(problem, m.shareProblems_badServer());
    await page.getByLabel(m.shareServerLabel()).fill('wss://nats.example.org');
    await page.getByTestId('share-create').click();
    await expectText(problem, m.shareProblems_serverNotInBuild());
    await page.getByLabel(m.shareServerLabel()).fill(serverUrl());
    await page.getByTestId('share-create').click();
    await expectText(problem, m.shareProblems_missingName());
    expect(await page.getByTestId('share-qr').count()).toBe(0);
    app.expectNoUnhandledErrors();
  });
});

describe.skipIf(serverMissing)('live share invitation: the runner', () => {
  it('opens the link on another phone: who invites, which server, what is shared; agreeing keeps it', async () => {
    const therapistApp = await openApp(browser());
    await openGroupScreen(therapistApp.page);
    const { link } = await invite(therapistApp.page);

    const runnerApp = await openApp(browser(), { path: new URL(link).hash ? `/${new URL(link).hash}` : '/' });
    const { page } = runnerApp;
    await expectText(page.getByTestId('join-inviter'), m.joinInvitesYou({ name: therapist }));
    await expectText(page.getByTestId('join-server'), m.joinServer({ server: serverUrl() }));
    expect(await textOf(page.getByTestId('join-what').getByRole('listitem'))).toBe(
      [m.joinWhatReadings(), m.joinWhatStrap(), m.joinWhatRun()].join(' | '),
    );
    for (const how of [m.joinHowEncrypted({ name: therapist }), m.joinHowOnlyRun(), m.joinHowStop()])
      await page.getByText(how, { exact: true }).waitFor();
    expect(await storedAcceptedQuery(page)).toBeUndefined();

    await agreeToInvitation(page, therapist);
    const stored = await storedAcceptedQuery(page);
    expect(stored).toBe(link.slice(link.indexOf('#/join?') + '#/join?'.length));
    // Answered: the key is gone from the address and the browser's history.
    expect(new URL(page.url()).hash).toBe('#/join');

    // Before the next run: it will be shared, and one tap stops that.
    await page.getByRole('link', { name: m.startRun() }).click();
    await page.getByText(m.shareAcceptedNote({ name: therapist }), { exact: true }).waitFor();
    await button(page, m.shareForget()).click();
    await page.getByRole('status').filter({ hasText: m.shareForgotten() }).waitFor();
    expect(await storedAcceptedQuery(page)).toBeUndefined();
    await page.getByRole('link', { name: m.shareScanEntry() }).waitFor();
    therapistApp.expectNoUnhandledErrors();
    runnerApp.expectNoUnhandledErrors();
  });

  it('keeps nothing on "No thanks"', async () => {
    const therapistApp = await openApp(browser());
    await openGroupScreen(therapistApp.page);
    const { link } = await invite(therapistApp.page);
    const runnerApp = await openApp(browser(), { path: `/${new URL(link).hash}` });
    const { page } = runnerApp;
    await button(page, m.joinDecline()).click();
    await page.getByRole('status').filter({ hasText: m.joinDeclined() }).waitFor();
    expect(await storedAcceptedQuery(page)).toBeUndefined();
    expect(new URL(page.url()).hash).toBe('#/join');
    runnerApp.expectNoUnhandledErrors();
  });

  it('says why a broken link cannot be used, and opens a pasted one', async () => {
    const therapistApp = await openApp(browser());
    await openGroupScreen(therapistApp.page);
    const { link } = await invite(therapistApp.page);
    const hash = new URL(link).hash;

    const cut = hash.replace(/&k=[^&]+/u, (part) => part.slice(0, -5));
    const runnerApp = await openApp(browser(), { path: `/${cut}` });
    const { page } = runnerApp;
    await expectText(page.getByTestId('join-refusal'), m.joinRefusals_badKey());
    expect(await button(page, m.joinAgree()).count()).toBe(0);

    for (const [broken, refusal] of [
      [hash.replace('v=1', 'v=2'), m.joinRefusals_wrongVersion()],
      [hash.replace(/&by=[^&]+/u, ''), m.joinRefusals_missingInviter()],
      [hash.replace('ws%3A%2F%2F127.0.0.1', 'ws%3A%2F%2Fnats.example.org'), m.joinRefusals_badServer()],
    ] as const) {
      await page.evaluate((target) => {
        location.hash = target;
      }, broken);
      await expectText(page.getByTestId('join-refusal'), refusal);
    }

    // The way on: paste the link instead.
    await page.getByRole('link', { name: m.joinAnother() }).click();
    await page.getByLabel(m.joinPasteLabel()).fill('https://example.org/not-an-invitation');
    await button(page, m.joinPasteOpen()).click();
    await expectText(page.getByTestId('join-refusal'), m.joinRefusals_notAnInvitation());
    await page.getByLabel(m.joinPasteLabel()).fill(link);
    await button(page, m.joinPasteOpen()).click();
    await expectText(page.getByTestId('join-inviter'), m.joinInvitesYou({ name: therapist }));
    runnerApp.expectNoUnhandledErrors();
  });
});

describe('live share invitation: scanning with the camera', () => {
  let cameraBrowser: Browser | undefined;
  let videoDir: string | undefined;
  const invitationLink =
    'https://calmrun.example/#/join?v=1&s=ws%3A%2F%2F127.0.0.1%3A4222&g=abcdefghij234567abcdefgh' +
    '&k=AQgPFh0kKzI5QEdOVVxjanF4f4aNlJuiqbC3vsXM09o&by=Praktijk%20de%20Linde';

  beforeAll(async () => {
    videoDir = mkdtempSync(join(tmpdir(), 'calm-run-camera-'));
    const video = join(videoDir, 'invitation.y4m');
    writeQrVideo(video, invitationLink);
    // Chromium's fake camera plays the picture of the code, the way a phone's camera sees the therapist's screen.
    cameraBrowser = await chromium.launch({
      executablePath: chromiumPath(),
      headless: true,
      args: [
        ...chromiumArgs({}),
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ],
    });
  });
  afterAll(async () => {
    await cameraBrowser?.close();
    if (videoDir) rmSync(videoDir, { recursive: true, force: true });
  });

  it('reads the code with the rear camera, opens the invitation and lets the camera go', async () => {
    if (!cameraBrowser) throw new Error('no browser');
    const context = await cameraBrowser.newContext();
    await context.grantPermissions(['camera'], { origin: new URL(inject('baseUrl')).origin });
    const app = await openAppIn(context, { path: '/#/join' });
    const { page } = app;
    await page.getByTestId('join-scan').click();
    await expectText(
      page.getByTestId('join-inviter'),
      m.joinInvitesYou({ name: 'Praktijk de Linde' }),
      20_000,
    );
    expect(await page.locator('video').count()).toBe(0);
    app.expectNoUnhandledErrors();
    await context.close();
  });

  it('says when the camera is refused, and offers to paste the link', async () => {
    if (!cameraBrowser) throw new Error('no browser');
    const context = await cameraBrowser.newContext();
    const app = await openAppIn(context, { path: '/#/join' });
    const { page } = app;
    await page.getByTestId('join-scan').click();
    await expectText(page.getByTestId('join-camera-state'), m.joinCameraProblems_cameraRefused());
    await page.getByLabel(m.joinPasteLabel()).waitFor();
    expect(await page.locator('video').count()).toBe(0);
    app.expectNoUnhandledErrors();
    await context.close();
  });
});

describe('the content security policy of a build with live share', () => {
  it(`allows exactly ${TEST_SHARE_SERVERS} beside the app itself`, async () => {
    const app = await openApp(browser());
    const { page } = app;
    await page.getByRole('heading', { level: 1 }).first().waitFor({ state: 'attached' });
    const policy = await page.evaluate(
      () =>
        document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
    );
    const connectSrc = policy
      .split(';')
      .map((directive) => directive.trim())
      .filter((directive) => directive.startsWith('connect-src'));
    expect(connectSrc).toEqual([`connect-src 'self' ${TEST_SHARE_SERVERS}`]);

    // What the browser enforces: a loopback NATS port is allowed, any other host refused. Each refusal is a
    // console error (support/browser.ts), in the order the sockets were opened: once the last has arrived, a
    // refusal of the first would have too.
    await page.evaluate(() => {
      for (const url of ['ws://127.0.0.1:9/', 'ws://localhost:9/', 'wss://nats.example.org/']) {
        try {
          new WebSocket(url).close();
        } catch {
          // A refused socket may also throw; the violation is what counts.
        }
      }
    });
    const refused = (host: string) => `CSP violation: connect-src blocked ${host}`;
    await expect
      .poll(() => app.problems.some((problem) => problem.includes(refused('wss://nats.example.org'))))
      .toBe(true);
    const violations = app.problems.filter((problem) => problem.includes('CSP violation'));
    expect(violations.map((problem) => /blocked (\S+)/u.exec(problem)?.[1])).toEqual([
      'ws://localhost:9/',
      'wss://nats.example.org/',
    ]);
  });
});
