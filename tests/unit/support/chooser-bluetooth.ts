import {
  asBluetooth,
  asDevice,
  FakeBluetooth,
  type FakeStrap,
} from '../adapters/bluetooth/fake-web-bluetooth';

/**
 * Web Bluetooth whose chooser gives the answers the test lines up, one per request, and whose getDevices() lists
 * every device the user picked so far, as Chrome's permission store does.
 */
export function chooserBluetooth() {
  const answers: (() => Promise<FakeStrap>)[] = [];
  const allowed: FakeStrap[] = [];
  const fake = new FakeBluetooth(async () => {
    const answer = answers.shift();
    if (!answer) throw new Error('the test lined up no chooser answer');
    const device = await answer();
    if (!allowed.includes(device)) allowed.push(device);
    return device;
  });
  const bluetooth = asBluetooth(
    Object.assign(fake, { getDevices: () => Promise.resolve(allowed.map((device) => asDevice(device))) }),
  );
  return {
    fake,
    bluetooth,
    picks: (device: FakeStrap) => answers.push(() => Promise.resolve(device)),
    /** The chooser stays open until the test settles this answer. */
    answersWith: (answer: Promise<FakeStrap>) => answers.push(() => answer),
    cancels: () =>
      answers.push(() =>
        Promise.reject(new DOMException('User cancelled the requestDevice() chooser.', 'NotFoundError')),
      ),
    /** The chooser itself fails: what Chrome says when the device will not take one more connection. */
    fails: () =>
      answers.push(() =>
        Promise.reject(new DOMException('Connection failed for unknown reason.', 'NetworkError')),
      ),
  };
}
