import { describe, expect, it } from 'vitest';
import type { QrScannerDeps } from '../../../src/adapters/share/qr-scanner';
import { QrScan } from '../../../src/app/qr-scan.svelte';

const video = { srcObject: null, play: () => Promise.resolve() } as unknown as HTMLVideoElement;

function camera(options: { refuse?: string; frames?: (string | undefined)[]; onFrame?: () => void } = {}): {
  deps: QrScannerDeps;
  stopped: () => boolean;
} {
  let stopped = false;
  const stream = { getTracks: () => [{ stop: () => (stopped = true) }] } as unknown as MediaStream;
  let frame = 0;
  return {
    deps: {
      getUserMedia: () =>
        options.refuse ? Promise.reject(new DOMException('no', options.refuse)) : Promise.resolve(stream),
      frameDecoder: () => Promise.resolve(() => Promise.resolve(options.frames?.[frame++])),
      nextFrame: () => {
        options.onFrame?.();
        return Promise.resolve();
      },
    },
    stopped: () => stopped,
  };
}

describe('the camera scan', () => {
  it('returns the code read and is idle again', async () => {
    const scan = new QrScan();
    const fake = camera({ frames: [undefined, 'https://calmrun.example/#/join?v=1'] });
    expect(await scan.start(video, fake.deps)).toBe('https://calmrun.example/#/join?v=1');
    expect(scan.state).toBe('idle');
    expect(fake.stopped()).toBe(true);
  });

  it('shows a refused camera until the next start', async () => {
    const scan = new QrScan();
    expect(await scan.start(video, camera({ refuse: 'NotAllowedError' }).deps)).toBeUndefined();
    expect(scan.state).toBe('camera-refused');
    scan.cancel();
    expect(scan.state).toBe('camera-refused');
  });

  it('stops the camera on cancel, mid-scan', async () => {
    const scan = new QrScan();
    const fake = camera({ onFrame: () => scan.cancel() });
    const states: string[] = [];
    const scanned = scan.start(video, fake.deps);
    states.push(scan.state);
    expect(await scanned).toBeUndefined();
    expect(states).toEqual(['starting']);
    expect(scan.state).toBe('idle');
    expect(fake.stopped()).toBe(true);
  });
});
