import { m } from '../../src/paraglide/messages.js';
import { describe, expect, inject, it } from 'vitest';
import { openApp, useBrowser } from './support/browser';
import {} from './support/calm-run-page';
import { openHistory, recordSimulatedRun } from './support/sessions';
import { buildFiles, waitForCompletePrecache, waitForServiceWorkerControl } from './support/service-worker';

const browser = useBrowser();

describe('privacy', () => {
  it('asks no other server for anything, from the home screen through a whole run to its detail', async () => {
    const requested: string[] = [];
    const sockets: string[] = [];
    const app = await openApp(browser(), {
      path: '/?sim=calmRun&speed=10',
      beforeLoad: (context, page) => {
        // The build allows a loopback live-share server (production-build.ts): with live share off, none is opened.
        page.on('websocket', (socket) => {
          sockets.push(socket.url());
        });
        // The context sees the pages' requests and, in Chromium, the service worker's own (its precache).
        context.on('request', (request) => {
          requested.push(request.url());
        });
        return Promise.resolve();
      },
    });
    const { page } = app;
    const origin = new URL(inject('baseUrl')).origin;
    await waitForServiceWorkerControl(page);
    await waitForCompletePrecache(page, inject('buildDir'));

    const sessionId = await recordSimulatedRun(page);
    await openHistory(page);
    await page.getByTestId('history-list').getByRole('link').first().click();
    await page.waitForURL((url) => url.hash === `#/session/${encodeURIComponent(sessionId)}`);
    await page.getByRole('heading', { level: 1 }).filter({ hasNotText: m.detailTitle() }).waitFor();
    await page.locator('canvas').first().waitFor();

    expect(requested.length).toBeGreaterThan(0);
    // The service worker's own requests are watched too: its precache fetched every file of the build.
    const requestedPaths = new Set(requested.map((url) => new URL(url).pathname.replace(/^\//u, '')));
    for (const file of ['sw.js', ...buildFiles(inject('buildDir'))]) {
      expect(requestedPaths.has(file), `${file} requested`).toBe(true);
    }
    const elsewhere = requested.filter(
      (url) => !url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin,
    );
    expect(elsewhere).toEqual([]);
    expect(sockets).toEqual([]);
    app.expectNoUnhandledErrors();
  });
});
