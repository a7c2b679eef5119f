import { describe, expect, it } from 'vitest';
import {
  QrScanError,
  scanQrCode,
  type FrameDecoder,
  type QrScannerDeps,
} from '../../../../src/adapters/share/qr-scanner';

class FakeTrack {
  stopped = false;
  stop(): void {
    this.stopped = true;
  }
}

class FakeVideo {
  srcObject: unknown = null;
  muted = false;
  playsInline = false;
  played = 0;
  play(): Promise<void> {
    this.played++;
    return Promise.resolve();
  }
}

function fakeCamera(frames: (string | undefined)[] = []) {
  const track = new FakeTrack();
  const stream = { getTracks: () => [track] } as unknown as MediaStream;
  const video = new FakeVideo();
  const asked: MediaStreamConstraints[] = [];
  let frameIndex = 0;
  const decoder: FrameDecoder = () => Promise.resolve(frames[frameIndex++]);
  const deps: QrScannerDeps = {
    getUserMedia: (constraints) => {
      asked.push(constraints);
      return Promise.resolve(stream);
    },
    frameDecoder: () => Promise.resolve(decoder),
    nextFrame: () => Promise.resolve(),
  };
  return { track, stream, video, deps, asked, framesLooked: () => frameIndex };
}

function asVideo(video: FakeVideo): HTMLVideoElement {
  return video as unknown as HTMLVideoElement;
}

describe('scanning a QR code with the camera', () => {
  it('asks for the rear camera, shows it, returns the first code found and stops the camera', async () => {
    const camera = fakeCamera([undefined, undefined, 'https://calmrun.example/#/join?v=1']);
    const text = await scanQrCode(asVideo(camera.video), new AbortController().signal, camera.deps);
    expect(text).toBe('https://calmrun.example/#/join?v=1');
    expect(camera.asked).toEqual([{ video: { facingMode: { ideal: 'environment' } }, audio: false }]);
    expect(camera.video.played).toBe(1);
    expect(camera.video.muted && camera.video.playsInline).toBe(true);
    expect(camera.framesLooked()).toBe(3);
    expect(camera.track.stopped).toBe(true);
    expect(camera.video.srcObject).toBeNull();
  });

  it('stops the camera when cancelled mid-scan, and resolves with nothing', async () => {
    const camera = fakeCamera();
    const controller = new AbortController();
    camera.deps.nextFrame = () => {
      controller.abort();
      return Promise.resolve();
    };
    expect(await scanQrCode(asVideo(camera.video), controller.signal, camera.deps)).toBeUndefined();
    expect(camera.track.stopped).toBe(true);
  });

  it('lets the camera go when cancelled while the browser was still asking for it', async () => {
    const camera = fakeCamera(['never read']);
    const controller = new AbortController();
    const getUserMedia = camera.deps.getUserMedia;
    camera.deps.getUserMedia = async (constraints) => {
      const stream = await getUserMedia(constraints);
      controller.abort();
      return stream;
    };
    expect(await scanQrCode(asVideo(camera.video), controller.signal, camera.deps)).toBeUndefined();
    expect(camera.track.stopped).toBe(true);
    expect(camera.framesLooked()).toBe(0);
  });

  it('names a refused camera, a missing one and any other failure', async () => {
    const cases: [string, string][] = [
      ['NotAllowedError', 'camera-refused'],
      ['SecurityError', 'camera-refused'],
      ['NotFoundError', 'no-camera'],
      ['OverconstrainedError', 'no-camera'],
      ['NotReadableError', 'camera-failed'],
    ];
    for (const [name, problem] of cases) {
      const camera = fakeCamera();
      camera.deps.getUserMedia = () => Promise.reject(new DOMException('no', name));
      const outcome = scanQrCode(asVideo(camera.video), new AbortController().signal, camera.deps);
      await expect(outcome).rejects.toBeInstanceOf(QrScanError);
      await expect(outcome).rejects.toMatchObject({ problem });
    }
  });

  it('stops the camera when the video cannot play', async () => {
    const camera = fakeCamera();
    camera.video.play = () => Promise.reject(new DOMException('busy', 'NotReadableError'));
    await expect(
      scanQrCode(asVideo(camera.video), new AbortController().signal, camera.deps),
    ).rejects.toMatchObject({
      problem: 'camera-failed',
    });
    expect(camera.track.stopped).toBe(true);
  });

  it('looks again after a frame the decoder fails on', async () => {
    const camera = fakeCamera();
    let calls = 0;
    camera.deps.frameDecoder = () =>
      Promise.resolve(() =>
        ++calls === 1 ? Promise.reject(new Error('frame not ready')) : Promise.resolve('code'),
      );
    expect(await scanQrCode(asVideo(camera.video), new AbortController().signal, camera.deps)).toBe('code');
    expect(camera.track.stopped).toBe(true);
  });
});
