import { describe, expect, it, vi } from 'vitest';
import { shareOrDownload, type ShareEnvironment } from '../../../../src/adapters/files/share-or-download';

function environment(navigator: ShareEnvironment['navigator']) {
  const downloads: { blob: Blob; fileName: string }[] = [];
  const env: ShareEnvironment = {
    navigator,
    download: (blob, fileName) => downloads.push({ blob, fileName }),
  };
  return { env, downloads };
}

const file = { name: 'calm-run-2026-11-29-0715.csv', mimeType: 'text/csv', data: 'elapsed_s\r\n' };

describe('shareOrDownload', () => {
  it('shares the file where the browser can share it', async () => {
    const share = vi.fn((_data?: ShareData) => Promise.resolve());
    const canShare = vi.fn((_data?: ShareData) => true);
    const { env, downloads } = environment({ canShare, share });
    await expect(shareOrDownload(file, env)).resolves.toBe('shared');
    const shared = share.mock.calls[0]?.[0]?.files?.[0];
    expect(shared?.name).toBe(file.name);
    expect(shared?.type).toBe('text/csv');
    expect(await shared?.text()).toBe('elapsed_s\r\n');
    expect(canShare.mock.calls[0]?.[0]?.files).toHaveLength(1);
    expect(downloads).toEqual([]);
  });

  it('calls share and canShare on the navigator, as browsers require', async () => {
    const navigator = {
      canShare(this: unknown, _data?: ShareData) {
        if (this !== navigator) throw new TypeError('Illegal invocation');
        return true;
      },
      share(this: unknown, _data?: ShareData) {
        if (this !== navigator) return Promise.reject(new TypeError('Illegal invocation'));
        return Promise.resolve();
      },
    };
    await expect(shareOrDownload(file, environment(navigator).env)).resolves.toBe('shared');
  });

  it('treats closing the share sheet as the runner’s choice, not an error, and downloads nothing', async () => {
    const { env, downloads } = environment({
      canShare: () => true,
      share: () => Promise.reject(new DOMException('Share canceled', 'AbortError')),
    });
    await expect(shareOrDownload(file, env)).resolves.toBe('cancelled');
    expect(downloads).toEqual([]);
  });

  it('downloads when the browser cannot share this kind of file', async () => {
    const share = vi.fn(() => Promise.resolve());
    const { env, downloads } = environment({ canShare: () => false, share });
    const bytes = new Uint8Array([14, 16, 0x2e, 0x46, 0x49, 0x54]);
    const fit = { name: 'run.fit', mimeType: 'application/vnd.ant.fit', data: bytes.subarray(2) };
    await expect(shareOrDownload(fit, env)).resolves.toBe('downloaded');
    expect(share).not.toHaveBeenCalled();
    expect(downloads[0]?.fileName).toBe('run.fit');
    expect(downloads[0]?.blob.type).toBe('application/vnd.ant.fit');
    expect([...new Uint8Array((await downloads[0]?.blob.arrayBuffer()) ?? new ArrayBuffer(0))]).toEqual([
      0x2e, 0x46, 0x49, 0x54,
    ]);
  });

  it('downloads where there is no Web Share API, or when sharing fails for another reason', async () => {
    const none = environment({});
    await expect(shareOrDownload(file, none.env)).resolves.toBe('downloaded');
    expect(none.downloads).toHaveLength(1);
    const refused = environment({
      canShare: () => true,
      share: () => Promise.reject(new DOMException('Must be handling a user gesture', 'NotAllowedError')),
    });
    await expect(shareOrDownload(file, refused.env)).resolves.toBe('downloaded');
    expect(refused.downloads).toHaveLength(1);
    const throwing = environment({
      canShare: () => {
        throw new TypeError('bad');
      },
      share: () => Promise.resolve(),
    });
    await expect(shareOrDownload(file, throwing.env)).resolves.toBe('downloaded');
  });
});
