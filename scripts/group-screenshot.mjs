// `npm run screenshot:group`: the README's pictures of a supervised group run, made from the production build in
// Debian's chromium (or CHROMIUM_PATH), as the end-to-end tests do: no browser download, nothing by hand.
// It builds the app into a temporary folder, serves it on localhost, opens the group screen, taps "Try a simulated
// group" (eight simulated runners: Daan surges above his zone, Eva's strap drops out, Gijs loses contact, Hanna's
// battery is low), starts the run, waits until Daan's tile is raised while Eva's strap is reconnecting, and saves
// docs/group-run.png (a tablet 1024 px wide, the whole screen) and docs/group-run-phone.png (a phone, 390 x 844,
// what fits on it). Commit the PNGs.
//
// Why `speed=1.5` and not faster: `speed` runs the simulated straps' scenarios faster, but the app's own clocks
// stay real (20 s above the zone before a tile rises, 4 s before it moves), so at a high speed Daan's surge is over
// before it counts and Eva's dropout is over before her tile shows it. At 1.5 both hold together from about 80 s
// into the run for about 10 s; the script takes about two minutes.
import { execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const docsDir = join(root, 'docs');
const speed = 1.5;
/** Surge raised and dropout reconnecting, at once: about 80 s in at this speed; a loaded machine may lag. */
const sceneTimeoutMs = 180_000;
const shots = [
  // A tablet held by the therapist: the whole screen, all eight tiles.
  { file: 'group-run.png', viewport: { width: 1024, height: 900 }, fullPage: true },
  // A phone: what fits on it, the raised tiles first.
  { file: 'group-run-phone.png', viewport: { width: 390, height: 844 }, fullPage: false },
];

function chromiumPath() {
  const fromEnvironment = process.env.CHROMIUM_PATH;
  if (fromEnvironment) return fromEnvironment;
  try {
    return execSync('command -v chromium || command -v chromium-browser', { shell: '/bin/sh' })
      .toString()
      .trim();
  } catch {
    throw new Error('No Chromium found: install Debian chromium or set CHROMIUM_PATH');
  }
}

const outDir = mkdtempSync(join(tmpdir(), 'calm-run-screenshot-'));
let server;
let browser;
try {
  // What users download: Vite builds Svelte's production output only with NODE_ENV=production.
  process.env.NODE_ENV = 'production';
  await build({ root, logLevel: 'warn', mode: 'production', build: { outDir, emptyOutDir: true } });
  server = await preview({
    root,
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
    logLevel: 'warn',
  });
  const baseUrl = server.resolvedUrls?.local[0]?.replace('127.0.0.1', 'localhost');
  if (!baseUrl) throw new Error('The preview server did not report a URL');

  browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-sync',
    ],
  });
  const firstShot = shots[0];
  const context = await browser.newContext({ viewport: firstShot.viewport, locale: 'en-GB' });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });

  await page.goto(new URL(`/?speed=${speed}#/group`, baseUrl).href);
  await page.getByTestId('try-simulated-group').click();
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid="group-strap-row"] [data-state="live"]').length === 8,
    undefined,
    { timeout: 30_000 },
  );
  await page.getByTestId('start-group-run').click();
  await page.waitForURL(/#\/group\/run$/u);
  // No pointer left hovering a button in the picture.
  await page.mouse.move(0, 0);
  console.log(`group run started; waiting for Daan's surge and Eva's dropout (about 80 s)`);
  await page.waitForFunction(
    () => {
      const tile = (runner) => document.querySelector(`[data-testid="group-tile"][data-runner="${runner}"]`);
      return (
        tile('Daan')?.getAttribute('data-raised') === 'true' &&
        tile('Daan')?.getAttribute('data-zone-state') === 'above' &&
        tile('Eva')?.querySelector('[data-testid="connection-state"]')?.getAttribute('data-state') ===
          'reconnecting'
      );
    },
    undefined,
    { timeout: sceneTimeoutMs, polling: 200 },
  );

  mkdirSync(docsDir, { recursive: true });
  for (const shot of shots) {
    await page.setViewportSize(shot.viewport);
    // Let the new size lay out and paint before the picture.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
    await page.screenshot({ path: join(docsDir, shot.file), fullPage: shot.fullPage });
    console.log(`docs/${shot.file} (${shot.viewport.width} px wide${shot.fullPage ? ', whole page' : ''})`);
  }
  if (problems.length > 0) throw new Error(`The page reported errors:\n${problems.join('\n')}`);
} finally {
  await browser?.close();
  await server?.close();
  rmSync(outDir, { recursive: true, force: true });
}
