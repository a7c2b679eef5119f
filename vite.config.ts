import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import type { Plugin } from 'vite';
// With its extension: Vite loads the config natively, and this file imports nothing itself.
import {
  parseShareServerSources,
  shareServerSourceText,
  withShareServersInCsp,
  type ShareServerSource,
} from './src/core/share/share-servers.ts';

const packageJson = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/** The app's colours, as in src/ui/styles/app.css (light) and index.html's theme-color. */
const themeColor = '#1f5f5b';
const backgroundColor = '#f7f5f0';

/**
 * The dev server injects every stylesheet as a <style> element (for hot reload), which index.html's strict CSP
 * blocks: during `npm start` only, inline styles are allowed. Builds keep the policy exactly as written.
 */
function devInlineStyles(): Plugin {
  return {
    name: 'calm-run:dev-inline-styles',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace("style-src 'self';", "style-src 'self' 'unsafe-inline';"),
  };
}

/**
 * The live-share servers of the build-time setting `CALM_RUN_SHARE_SERVERS` (e.g. "wss://nats.example.org"), read
 * each time the config is, so a test can build with its own; a malformed setting fails the build here.
 */
function shareServerSources(): ShareServerSource[] {
  return parseShareServerSources(process.env.CALM_RUN_SHARE_SERVERS);
}

/** Live share talks to the practice's NATS server: the policy's `connect-src 'self'` gains exactly its origins. */
function shareServersCsp(sources: readonly ShareServerSource[]): Plugin {
  return {
    name: 'calm-run:share-servers-csp',
    transformIndexHtml: (html) => withShareServersInCsp(html, sources),
  };
}

export default defineConfig(({ command }) => ({
  // The share group's worker loads the NATS client on first use: a worker that splits into chunks must be a module.
  worker: { format: 'es' },
  plugins: [
    svelte(),
    devInlineStyles(),
    shareServersCsp(shareServerSources()),
    VitePWA({
      strategies: 'generateSW',
      // The app asks before it reloads into a new version: never in the middle of a run.
      registerType: 'prompt',
      // src/adapters/service-worker registers the worker itself, through workbox-window: no inline script (CSP).
      injectRegister: false,
      // The glob below finds the icons already; listing them twice would only repeat precache entries.
      includeManifestIcons: false,
      manifest: {
        id: './',
        name: 'Calm Run',
        short_name: 'Calm Run',
        description: 'Calm Run keeps your run calm with a heart-rate chest strap.',
        lang: 'en',
        dir: 'ltr',
        // Relative to the manifest's own address, so they follow Vite's `base`.
        start_url: './',
        scope: './',
        display: 'standalone',
        theme_color: themeColor,
        background_color: backgroundColor,
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icons/maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
          { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
        shortcuts: [
          {
            name: 'Start a run',
            short_name: 'Start',
            // The before-run screen's hash route (src/app/routes.ts).
            url: './#/start',
            icons: [{ src: 'icons/icon-96.png', sizes: '96x96', type: 'image/png' }],
          },
        ],
      },
      workbox: {
        // Every file of the build, lazily loaded chunks (Chart.js, the FIT SDK) included, so every screen works
        // offline from the first visit on. Source maps stay out: they are large and only for developer tools.
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,ico,woff2}'],
        // The plugin precaches manifest.webmanifest itself (with its revision): the glob leaves it out, so it is
        // listed once.
        globIgnores: ['**/*.map', 'manifest.webmanifest'],
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        // On the very first visit the worker takes the open page at once, so it works offline without a reload.
        // A later version still waits for skipWaiting, which only the user's "Update now" sends.
        clientsClaim: true,
        // maximumFileSizeToCacheInBytes stays at Workbox's 2 MiB: the largest chunk (the FIT SDK) is about 0.45 MB,
        // and a chunk over the limit fails the build rather than silently missing offline.
        // The app talks to no other origin, so nothing is cached at run time.
        runtimeCaching: [],
      },
    }),
  ],
  define: {
    // Which build this is, on <html data-build>: tells an update apart from the version it replaced.
    __BUILD_ID__: JSON.stringify(process.env.CALM_RUN_BUILD_ID ?? packageJson.version),
    // Only a build has a sw.js, and the dev server must never be cached: this asks "is it a build?" directly,
    // where import.meta.env.PROD would follow the mode and NODE_ENV.
    __SERVICE_WORKER__: JSON.stringify(command === 'build'),
    // The same servers for the app: it prefills the therapist's server and says when an invitation's is not allowed.
    __SHARE_SERVER_SOURCES__: JSON.stringify(shareServerSources().map(shareServerSourceText)),
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    modulePreload: {
      // The page's own first scripts keep their preload links. A lazily loaded chunk's imports are left to the
      // browser's module loader: Vite's helper would append a <link rel="modulepreload"> per import from script,
      // which made the idle prefetch of the run screens one 40-60 ms task right after the first heart rate.
      resolveDependencies: (_file, dependencies, { hostType }) => (hostType === 'html' ? dependencies : []),
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One browser at a time keeps a 2-core machine responsive; files still run in order.
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'bench',
          include: ['tests/bench/**/*.bench.ts'],
          environment: 'node',
          setupFiles: ['tests/bench/support/setup.ts'],
          testTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
}));
