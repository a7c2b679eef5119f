import { describe, expect, it } from 'vitest';
import {
  drawHeartRateLine,
  WindowedPoints,
  type LineContext,
  type LineLayout,
} from '../../../../src/ui/charts/heart-rate-line';

/** A 2D context that writes down what it is asked to draw. */
function recordingContext(): { context: LineContext; calls: string[] } {
  const calls: string[] = [];
  const record =
    (name: string) =>
    (...args: unknown[]) => {
      calls.push(`${name}(${args.join(',')})`);
    };
  const context = {
    setTransform: record('setTransform'),
    clearRect: record('clearRect'),
    save: record('save'),
    restore: record('restore'),
    beginPath: record('beginPath'),
    rect: record('rect'),
    clip: record('clip'),
    moveTo: record('moveTo'),
    lineTo: record('lineTo'),
    stroke: () => {
      const color = typeof context.strokeStyle === 'string' ? context.strokeStyle : 'not a colour';
      calls.push(`stroke(${String(context.lineWidth)},${color})`);
    },
    lineWidth: 1,
    strokeStyle: '',
    lineJoin: 'round',
    lineCap: 'round',
  } as LineContext;
  return { context, calls };
}

/** x: 300 px at now, 1 px a second; y: 200 px at 0 bpm, 1 px up a beat. */
const layout: LineLayout = {
  widthPx: 800,
  heightPx: 400,
  pixelRatio: 2,
  clip: { left: 10, top: 5, width: 290, height: 190 },
  xAt0: 300,
  xPerSecond: 1,
  yAt0: 200,
  yPerBpm: -1,
};

describe('drawHeartRateLine', () => {
  it('clears the canvas, clips to the chart area and draws each reading where the scales put it', () => {
    const points = new WindowedPoints(60_000);
    points.push(10_000, 100);
    points.push(11_000, 102);
    points.push(12_000, null);
    points.push(13_000, 110);
    points.push(14_000, 112);
    const { context, calls } = recordingContext();
    drawHeartRateLine(context, points, layout, 20_000, { color: '#123456', widthPx: 3 });
    expect(calls).toEqual([
      'setTransform(1,0,0,1,0,0)',
      'clearRect(0,0,800,400)',
      'setTransform(2,0,0,2,0,0)',
      'save()',
      'beginPath()',
      'rect(10,5,290,190)',
      'clip()',
      'beginPath()',
      // 10 s before now, 100 bpm; the missing reading breaks the line.
      'moveTo(290,100)',
      'lineTo(291,98)',
      'moveTo(293,90)',
      'lineTo(294,88)',
      'stroke(3,#123456)',
      'restore()',
    ]);
  });
});

describe('WindowedPoints', () => {
  it('keeps the points of the last window, oldest first, a missing reading as null', () => {
    const points = new WindowedPoints(3000);
    points.push(0, 70);
    points.push(1000, null);
    points.push(2000, 72);
    points.push(3500, 75);
    const kept: [number, number | null][] = [];
    points.forEachPoint((atMs, heartRateBpm) => kept.push([atMs, heartRateBpm]));
    expect(kept).toEqual([
      [1000, null],
      [2000, 72],
      [3500, 75],
    ]);
  });
});
