import {
  Chart,
  Filler,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  type ChartConfiguration,
  type ChartDataset,
  type Plugin,
} from 'chart.js';
import { chartPalette } from './chart-palette';
import { drawHeartRateLine, type LineLayout, type LineStyle } from './heart-rate-line';
import type { LineWorkerMessage } from './heart-rate-line-messages';

Chart.register(LineController, LineElement, PointElement, LinearScale, Filler);

type BandPoint = { x: number; y: number };

/** What the live chart reads: the heart rate of the last minutes (core/strap/recent-heart-rate.ts). */
export interface HeartRateWindow {
  readonly windowMs: number;
  forEachPoint(visit: (atMs: number, heartRateBpm: number | null) => void): void;
  readonly pushedCount: number;
  forEachPointSince(mark: number, visit: (atMs: number, heartRateBpm: number | null) => void): void;
  bpmRange(): { minBpm: number; maxBpm: number } | undefined;
}

export interface LiveHeartRateChart {
  /** Draws the window as it is at `nowMs` (the clock the window's points were pushed with). */
  draw(nowMs: number): void;
  destroy(): void;
}

/** The y axis shows at least this range, and more when the heart rate leaves it. */
const suggestedMinBpm = 60;
const suggestedMaxBpm = 160;
const lineWidthPx = 3;

/**
 * The heart rate of the last minutes, seconds before now on x. Chart.js draws the frame (axes, grid and the zone
 * band) on `canvas`, and only again when the y range or the size changes; the line is drawn over it on `lineCanvas`
 * straight from the window, in a worker where the browser lets the page hand a canvas over. A Chart.js update lays
 * out and draws everything (milliseconds), where the line alone is a few hundred `lineTo`s: the line moves every
 * second, the frame almost never. On the page, that line would still be rasterised and handed to the compositor on
 * the main thread at every frame (most of what a packet cost the page beyond the number); in the worker, the page
 * only posts the new points.
 */
export function createLiveHeartRateChart(
  canvas: HTMLCanvasElement,
  lineCanvas: HTMLCanvasElement,
  recent: HeartRateWindow,
  zone?: { lowBpm: number; highBpm: number },
): LiveHeartRateChart {
  const { line: lineColor, grid, text, band } = chartPalette(canvas);
  const windowSeconds = recent.windowMs / 1000;
  const line = createLineDrawer(lineCanvas, recent, { color: lineColor, widthPx: lineWidthPx });
  /** The time the line is drawn at; none until the first `draw`. */
  let nowMs: number | undefined;

  // Whenever Chart.js has drawn the frame (an update, a resize), the line follows its new scales.
  const linePlugin: Plugin<'line'> = {
    id: 'calmRunLiveLine',
    afterRender: (chart) => {
      const layout = lineLayoutOf(chart, canvas);
      if (!layout) return;
      line.layOut(layout);
      if (nowMs !== undefined) line.draw(nowMs);
    },
  };

  const config: ChartConfiguration<'line', BandPoint[]> = {
    type: 'line',
    // The zone as a shaded band between its bounds, under the heart-rate line.
    data: { datasets: zone ? zoneBand(zone, windowSeconds, band) : [] },
    options: {
      // Redrawn every second: animation would only cost battery, and reduced motion is honoured for free.
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      normalized: true,
      events: [],
      plugins: { legend: { display: false }, tooltip: { enabled: false } },
      scales: {
        x: {
          type: 'linear',
          min: -windowSeconds,
          max: 0,
          grid: { color: grid },
          ticks: { color: text, stepSize: 60, callback: (value) => `${Math.round(Number(value) / 60)}′` },
        },
        y: {
          type: 'linear',
          // The heart rate's own range widens these, as its data would (see `draw`).
          suggestedMin: suggestedMinBpm,
          suggestedMax: suggestedMaxBpm,
          grid: { color: grid },
          ticks: { color: text },
        },
      },
    },
    plugins: [linePlugin],
  };
  const chart = new Chart(canvas, config);

  return {
    draw(atMs) {
      nowMs = atMs;
      const range = recent.bpmRange();
      const lowBpm = Math.min(suggestedMinBpm, range?.minBpm ?? Infinity);
      const highBpm = Math.max(suggestedMaxBpm, range?.maxBpm ?? -Infinity);
      const y = chart.options.scales?.y;
      if (y && (y.suggestedMin !== lowBpm || y.suggestedMax !== highBpm)) {
        y.suggestedMin = lowBpm;
        y.suggestedMax = highBpm;
        // Lays the frame out again; the plugin then draws the line.
        chart.update('none');
      } else {
        line.draw(atMs);
      }
    },
    destroy() {
      chart.destroy();
      line.destroy();
    },
  };
}

/** Chart.js's scales as the line needs them; none before the first layout. */
function lineLayoutOf(chart: Chart<'line'>, canvas: HTMLCanvasElement): LineLayout | undefined {
  const { chartArea, scales } = chart;
  const x = scales.x;
  const y = scales.y;
  if (!x || !y) return undefined;
  // As Chart.js clips a line dataset: at the x bounds set, half the line's width beyond the y ones.
  const overflowPx = lineWidthPx / 2;
  // Both scales are linear: two values give each one's offset and slope exactly.
  const xAt0 = x.getPixelForValue(0);
  const yAt0 = y.getPixelForValue(0);
  return {
    widthPx: canvas.width,
    heightPx: canvas.height,
    pixelRatio: chart.currentDevicePixelRatio,
    clip: {
      left: chartArea.left,
      top: chartArea.top - overflowPx,
      width: chartArea.width,
      height: chartArea.height + 2 * overflowPx,
    },
    xAt0,
    xPerSecond: x.getPixelForValue(1) - xAt0,
    yAt0,
    yPerBpm: y.getPixelForValue(1) - yAt0,
  };
}

interface LineDrawer {
  layOut(layout: LineLayout): void;
  draw(nowMs: number): void;
  destroy(): void;
}

/** The line drawn in a worker when the canvas can be handed to one, else on the page. */
function createLineDrawer(
  lineCanvas: HTMLCanvasElement,
  recent: HeartRateWindow,
  style: LineStyle,
): LineDrawer {
  if (typeof lineCanvas.transferControlToOffscreen === 'function' && typeof Worker === 'function') {
    return workerLineDrawer(lineCanvas, recent, style);
  }
  return pageLineDrawer(lineCanvas, recent, style);
}

function workerLineDrawer(
  lineCanvas: HTMLCanvasElement,
  recent: HeartRateWindow,
  style: LineStyle,
): LineDrawer {
  const worker = new Worker(new URL('./heart-rate-line.worker.ts', import.meta.url), { type: 'module' });
  const post = (message: LineWorkerMessage, transfer: Transferable[] = []) => {
    worker.postMessage(message, transfer);
  };
  const offscreen = lineCanvas.transferControlToOffscreen();
  post({ type: 'start', canvas: offscreen, windowMs: recent.windowMs, style }, [offscreen]);
  /** The window's points up to here are the worker's too. */
  let sentUpTo = 0;
  return {
    layOut(layout) {
      post({ type: 'layout', layout });
    },
    draw(nowMs) {
      // Only what the worker has not had: a point or two a frame, never the whole window.
      const newPoints: number[] = [];
      recent.forEachPointSince(sentUpTo, (atMs, heartRateBpm) => {
        newPoints.push(atMs, heartRateBpm ?? Number.NaN);
      });
      sentUpTo = recent.pushedCount;
      post({ type: 'draw', nowMs, newPoints });
    },
    destroy() {
      worker.terminate();
    },
  };
}

function pageLineDrawer(
  lineCanvas: HTMLCanvasElement,
  recent: HeartRateWindow,
  style: LineStyle,
): LineDrawer {
  const context = lineCanvas.getContext('2d');
  let layout: LineLayout | undefined;
  return {
    layOut(next) {
      layout = next;
      if (lineCanvas.width !== next.widthPx || lineCanvas.height !== next.heightPx) {
        lineCanvas.width = next.widthPx;
        lineCanvas.height = next.heightPx;
      }
    },
    draw(nowMs) {
      if (context && layout) drawHeartRateLine(context, recent, layout, nowMs, style);
    },
    destroy() {
      // Nothing held beyond the canvas, which goes with the chart.
    },
  };
}

function zoneBand(
  zone: { lowBpm: number; highBpm: number },
  windowSeconds: number,
  color: string,
): ChartDataset<'line', BandPoint[]>[] {
  const bound = (bpm: number) => [
    { x: -windowSeconds, y: bpm },
    { x: 0, y: bpm },
  ];
  return [
    { data: bound(zone.lowBpm), borderWidth: 0, pointRadius: 0, order: 2 },
    {
      data: bound(zone.highBpm),
      borderWidth: 0,
      pointRadius: 0,
      fill: '-1',
      backgroundColor: color,
      order: 2,
    },
  ];
}
