import { describe, expect, it } from 'vitest';
import { openAppInProfile } from './support/browser';
import { waitForServiceWorkerControl } from './support/service-worker';

interface ManifestIcon {
  src: string;
  sizes: string;
  type?: string;
  purpose?: string;
}

interface Manifest {
  id?: string;
  name?: string;
  short_name?: string;
  description?: string;
  lang?: string;
  start_url?: string;
  scope?: string;
  display?: string;
  theme_color?: string;
  background_color?: string;
  icons?: ManifestIcon[];
  shortcuts?: { name: string; url: string; icons?: ManifestIcon[] }[];
}

describe('the installable app', () => {
  it('has no installability errors and a complete manifest, its icons the sizes it says', async () => {
    const app = await openAppInProfile({ webBluetooth: false });
    const { context, page } = app;
    await waitForServiceWorkerControl(page);
    const cdp = await context.newCDPSession(page);

    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);

    const { url, errors, data } = await cdp.send('Page.getAppManifest');
    expect(errors).toEqual([]);
    expect(data).toBeDefined();
    const manifest = JSON.parse(data ?? '{}') as Manifest;
    const base = new URL('/', page.url()).href;
    expect(manifest).toMatchObject({
      name: 'Calm Run',
      short_name: 'Calm Run',
      display: 'standalone',
      lang: 'en',
      theme_color: '#1f5f5b',
    });
    expect(manifest.description).toMatch(/^[^.]+\.$/u);
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/u);
    for (const relative of [manifest.start_url, manifest.scope, manifest.id]) {
      expect(new URL(relative ?? '', url).href).toBe(base);
    }

    const icons = manifest.icons ?? [];
    for (const purpose of ['any', 'maskable']) {
      expect(
        icons.filter((icon) => (icon.purpose ?? 'any') === purpose).map((icon) => icon.sizes),
        `${purpose} icons`,
      ).toEqual(expect.arrayContaining(['192x192', '512x512']));
    }

    const [shortcut] = manifest.shortcuts ?? [];
    expect(shortcut?.name).toBe('Start a run');
    expect(new URL(shortcut?.url ?? '', url).href).toBe(`${base}#/start`);
    expect(shortcut?.icons?.map((icon) => icon.sizes)).toEqual(['96x96']);

    // Each icon is a PNG of the size it claims.
    for (const icon of [...icons, ...(shortcut?.icons ?? [])]) {
      const iconUrl = new URL(icon.src, url).href;
      const size = await page.evaluate(async (src) => {
        const image = new Image();
        image.src = src;
        await image.decode();
        return `${image.naturalWidth}x${image.naturalHeight}`;
      }, iconUrl);
      expect(size, iconUrl).toBe(icon.sizes);
      expect(icon.type).toBe('image/png');
    }

    app.expectNoUnhandledErrors();
  });
});
