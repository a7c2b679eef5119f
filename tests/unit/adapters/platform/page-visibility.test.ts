import { describe, expect, it } from 'vitest';
import { HiddenTimeTracker } from '../../../../src/adapters/platform/page-visibility';
import { FakeVisibilityDocument } from './fake-visibility-document';

function setup(initial: DocumentVisibilityState = 'visible') {
  const document = new FakeVisibilityDocument(initial);
  let nowMs = 1_000;
  const reports: number[] = [];
  const tracker = new HiddenTimeTracker({
    document,
    monotonicMs: () => nowMs,
    onVisibleAgain: (hiddenMs) => reports.push(hiddenMs),
  });
  return { document, tracker, reports, advance: (ms: number) => (nowMs += ms) };
}

describe('HiddenTimeTracker', () => {
  it('reports how long the page was hidden when it is visible again', () => {
    const { document, tracker, reports, advance } = setup();
    tracker.start();
    advance(5_000);
    document.set('hidden');
    expect(tracker.hidden).toBe(true);
    advance(120_000);
    document.set('visible');
    expect(reports).toEqual([120_000]);
    expect(tracker.hidden).toBe(false);

    advance(60_000);
    document.set('hidden');
    advance(30_000);
    document.set('visible');
    expect(reports).toEqual([120_000, 30_000]);
    expect(tracker.totalHiddenMs).toBe(150_000);
  });

  it('tells the wall clock time when performance.now() stood still while the phone slept', () => {
    const document = new FakeVisibilityDocument('visible');
    const clock = { monotonicMs: 1_000, wallMs: 1_700_000_000_000 };
    const reports: number[] = [];
    const tracker = new HiddenTimeTracker({
      document,
      monotonicMs: () => clock.monotonicMs,
      wallClockMs: () => clock.wallMs,
      onVisibleAgain: (hiddenMs) => reports.push(hiddenMs),
    });
    tracker.start();
    document.set('hidden');
    // Ten minutes in a pocket, of which performance.now() saw two.
    clock.monotonicMs += 120_000;
    clock.wallMs += 600_000;
    document.set('visible');
    // A minute on the screen, with the clocks together again.
    clock.monotonicMs += 60_000;
    clock.wallMs += 60_000;
    document.set('hidden');
    clock.monotonicMs += 30_000;
    clock.wallMs += 30_000;
    document.set('visible');
    expect(reports).toEqual([600_000, 30_000]);
  });

  it('counts from the first hidden event when the browser repeats it', () => {
    const { document, tracker, reports, advance } = setup();
    tracker.start();
    document.set('hidden');
    advance(10_000);
    document.set('hidden');
    advance(10_000);
    document.set('visible');
    document.set('visible');
    expect(reports).toEqual([20_000]);
  });

  it('counts from start() when started on a hidden page', () => {
    const { document, tracker, reports, advance } = setup('hidden');
    advance(99_000);
    tracker.start();
    advance(7_000);
    document.set('visible');
    expect(reports).toEqual([7_000]);
  });

  it('stops listening on stop()', () => {
    const { document, tracker, reports, advance } = setup();
    tracker.start();
    tracker.start();
    expect(document.listenerCount).toBe(1);
    document.set('hidden');
    tracker.stop();
    expect(document.listenerCount).toBe(0);
    advance(1_000);
    document.set('visible');
    expect(reports).toEqual([]);
  });

  it('does nothing without a document', () => {
    const tracker = new HiddenTimeTracker({ onVisibleAgain: () => undefined });
    expect(() => {
      tracker.start();
      tracker.stop();
    }).not.toThrow();
  });
});
