import { readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, relative, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { buildProduction } from './production-build';
import { expect } from 'vitest';

/** Helpers for the offline app: its service worker, the precache, and builds served from a folder that can change. */

/** Waits until a service worker controls the page (the app's worker claims the page on the first visit). */
export async function waitForServiceWorkerControl(page: Page, timeoutMs = 20_000): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: timeoutMs,
  });
}

/** The paths (without the leading slash) of every file in the app's Workbox precache, in this page's origin. */
export async function precachedPaths(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const paths: string[] = [];
    for (const name of await caches.keys()) {
      if (!name.includes('precache')) continue;
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        paths.push(new URL(request.url).pathname.replace(/^\//u, ''));
      }
    }
    return paths.sort();
  });
}

/** Every file of a build that the service worker must keep: all but source maps and the worker's own scripts. */
export function buildFiles(buildDir: string): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(relative(buildDir, path).split(sep).join('/'));
    }
  };
  walk(buildDir);
  return files
    .filter((file) => !file.endsWith('.map') && file !== 'sw.js' && !/^workbox-[\w-]+\.js$/u.test(file))
    .sort();
}

/** Waits until the precache holds every file of the build (the worker has installed completely). */
export async function waitForCompletePrecache(page: Page, buildDir: string): Promise<void> {
  const expected = buildFiles(buildDir);
  await expect
    .poll(() => precachedPaths(page), { timeout: 20_000, interval: 200, message: 'the complete precache' })
    .toEqual(expected);
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
  '.json': 'application/json',
  '.map': 'application/json',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface SwitchableServer {
  /** The address to open, on localhost (a secure context), ending in '/'. */
  readonly url: string;
  /** Serves this folder from the next request on: a new deploy on the same origin. */
  serve(rootDir: string): void;
  close(): Promise<void>;
}

/**
 * A tiny static file server whose folder can be switched between requests, as a deploy replaces the files on a
 * real server. Files are served with `no-cache`, so the browser always asks again, as for a static host.
 */
export async function startSwitchableServer(rootDir: string): Promise<SwitchableServer> {
  let root = rootDir;
  const server: Server = createServer((request, response) => {
    void (async () => {
      const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
      const relativePath = normalize(pathname === '/' ? '/index.html' : pathname).replace(/^[/\\]+/u, '');
      const file = join(root, relativePath);
      if (relativePath.startsWith('..') || !(await stat(file).catch(() => undefined))?.isFile()) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
        return;
      }
      response.writeHead(200, {
        'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
      });
      response.end(await readFile(file));
    })().catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/`,
    serve(rootDir: string) {
      root = rootDir;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Builds the app into this folder with its own build id (on `<html data-build>`), so two builds differ. */
export async function buildApp(outDir: string, buildId: string): Promise<void> {
  await buildProduction(outDir, { define: { __BUILD_ID__: JSON.stringify(buildId) } });
}
