// `node scripts/make-icons.mjs`: renders public/icon.svg into the PNG icons the web app manifest and iOS need,
// under public/icons/. Run it again after changing icon.svg and commit the PNGs: the build does not render them,
// so building needs no browser.
//
// Uses playwright-core with Debian's chromium (or CHROMIUM_PATH), as the end-to-end tests do: no browser download.
import { execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const svg = readFileSync(join(root, 'public/icon.svg'), 'utf8');
const outDir = join(root, 'public/icons');
/** The icon's own background (its rounded square), so a maskable icon's full-bleed fill matches it. */
const backgroundColor = '#1f5f5b';
/**
 * A maskable icon may be cropped to any shape that contains the centre circle of 80 % of its size (W3C Manifest,
 * "icon masks"). Scaling the whole icon to 80 % keeps the heart-rate line well inside that circle, with margin.
 */
const maskableScale = 0.8;

/** @type {{ file: string; sizePx: number; kind: 'any' | 'maskable' }[]} */
const icons = [
  { file: 'icon-96.png', sizePx: 96, kind: 'any' },
  { file: 'icon-192.png', sizePx: 192, kind: 'any' },
  { file: 'icon-512.png', sizePx: 512, kind: 'any' },
  { file: 'maskable-192.png', sizePx: 192, kind: 'maskable' },
  { file: 'maskable-512.png', sizePx: 512, kind: 'maskable' },
  // iOS shows transparent corners black and rounds the icon itself, so it gets the full-bleed version.
  { file: 'apple-touch-icon-180.png', sizePx: 180, kind: 'maskable' },
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

/** A page that shows only the icon, filling the viewport. */
function pageHtml(kind) {
  const scale = kind === 'maskable' ? maskableScale : 1;
  const background = kind === 'maskable' ? backgroundColor : 'transparent';
  return `<!doctype html><html><head><style>
    html, body { margin: 0; width: 100%; height: 100%; background: ${background}; overflow: hidden; }
    body { display: grid; place-items: center; }
    svg { width: ${scale * 100}%; height: ${scale * 100}%; display: block; }
  </style></head><body>${svg}</body></html>`;
}

const userDataDir = mkdtempSync(join(tmpdir(), 'calm-run-icons-'));
const browser = await chromium.launchPersistentContext(userDataDir, {
  executablePath: chromiumPath(),
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  mkdirSync(outDir, { recursive: true });
  const page = await browser.newPage();
  for (const icon of icons) {
    await page.setViewportSize({ width: icon.sizePx, height: icon.sizePx });
    await page.setContent(pageHtml(icon.kind));
    await page.screenshot({ path: join(outDir, icon.file), omitBackground: icon.kind === 'any' });
    console.log(`public/icons/${icon.file} (${icon.sizePx} px, ${icon.kind})`);
  }
} finally {
  await browser.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
