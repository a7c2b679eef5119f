import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, onTestFinished } from 'vitest';

/** Debian's chromium (or CHROMIUM_PATH): the suite never downloads a browser. */
export function chromiumPath(): string {
  const fromEnvironment = process.env.CHROMIUM_PATH;
  if (fromEnvironment !== undefined && fromEnvironment !== '') return fromEnvironment;
  try {
    return execSync('command -v chromium || command -v chromium-browser', { shell: '/bin/sh' })
      .toString()
      .trim();
  } catch {
    throw new Error(
      'No Chromium found: install Debian chromium (apt-get install -y chromium) or set CHROMIUM_PATH',
    );
  }
}

/** The Chromium to use, or undefined when none is installed: for benches that print figures only when they can. */
export function installedChromium(): string | undefined {
  try {
    const path = chromiumPath();
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

export interface LaunchOptions {
  /** Launch with Web Bluetooth switched on (Linux needs the feature flag). Default true. */
  webBluetooth?: boolean;
}

/** The command line the tests launch Chromium with. */
export function chromiumArgs(options: LaunchOptions): string[] {
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
  if (options.webBluetooth ?? true)
    args.push('--enable-features=WebBluetooth,WebBluetoothNewPermissionsBackend');
  return args;
}

export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  // Playwright's launch uses a fresh temporary profile and removes it on close.
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: chromiumArgs(options) });
}

/** One browser for the whole test file, closed after its last test. */
export function useBrowser(options: LaunchOptions = {}): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium(options);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser)
      throw new Error('The browser is not running: call useBrowser() at the top of the test file');
    return browser;
  };
}

/**
 * Console errors that Chromium itself writes for Bluetooth and that no page code can catch, named one by one.
 * Chromium 156 writes none in these scenarios (only an info-level "Web Bluetooth is experimental on this
 * platform"). Anything at error level, or any exception or rejection the page did not handle, fails the test.
 */
const expectedChromiumNoise: readonly RegExp[] = [];

export interface AppPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions, unhandled rejections and console errors seen on the page, in order. */
  problems: string[];
  /** Fails the test when anything was thrown into the console unhandled. */
  expectNoUnhandledErrors(): void;
}

export interface OpenAppOptions {
  /** Path and query after the base URL, e.g. `/?speed=10`. */
  path?: string;
  /** Another server than the suite's preview of the build (e.g. one that switches builds). */
  baseUrl?: string;
  /** Removes `navigator.bluetooth` before the app's code runs, as in a browser without Web Bluetooth. */
  withoutWebBluetooth?: boolean;
  /** Called with the fresh context and page before the app is loaded (e.g. to start the Bluetooth emulation). */
  beforeLoad?: (context: BrowserContext, page: Page) => Promise<void>;
}

/**
 * Makes every Content-Security-Policy violation a console error, which fails the test like any other: every test
 * then guards the policy in index.html. (Chromium also logs "Refused to ..." itself; the event adds which directive
 * and what was blocked, also for reports that Chromium only counts.)
 */
export async function reportContentSecurityViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(
        `CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
}

/** A fresh context and page for one test, closed when the test ends, with its console watched. */
export async function openApp(browser: Browser, options: OpenAppOptions = {}): Promise<AppPage> {
  const context = await browser.newContext();
  onTestFinished(async () => {
    await context.close();
  });
  return openAppIn(context, options);
}

/**
 * The app in a browser of its own with a real, fresh profile on disk, closed and removed when the test ends. Only
 * such a profile can install apps: Playwright's usual contexts are incognito, which Chromium never offers to install.
 */
export async function openAppInProfile(options: OpenAppOptions & LaunchOptions = {}): Promise<AppPage> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'calm-run-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    args: chromiumArgs(options),
  });
  onTestFinished(async () => {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  });
  return openAppIn(context, options);
}

/** Opens the app in a new page of this context, with its console watched. */
export async function openAppIn(context: BrowserContext, options: OpenAppOptions): Promise<AppPage> {
  if (options.withoutWebBluetooth === true) {
    await context.addInitScript(() => {
      Reflect.deleteProperty(Navigator.prototype, 'bluetooth');
    });
  }
  await reportContentSecurityViolations(context);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => {
    problems.push(`pageerror: ${error.name}: ${error.message}`);
  });
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (expectedChromiumNoise.some((pattern) => pattern.test(text))) return;
    problems.push(`console.error: ${text}`);
  });
  await options.beforeLoad?.(context, page);
  await page.goto(new URL(options.path ?? '/', options.baseUrl ?? inject('baseUrl')).href);
  return {
    context,
    page,
    problems,
    expectNoUnhandledErrors() {
      expect(problems, 'nothing may throw into the console unhandled').toEqual([]);
    },
  };
}
