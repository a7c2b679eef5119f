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

Chart.register(LineController, LineElement, PointElement, LinearScale, Filler);

type BandPoint = { x: number; y: number };

/** What the live chart reads: the heart rate of the last minutes (core/strap/recent-heart-rate.ts). */
export interface HeartRateWindow {
  readonly windowMs: number;
  forEachPoint(visit: (atMs: number, heartRateBpm: number | null) => void): void;
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
 * straight from the window. A Chart.js update lays out and draws everything (milliseconds), where the line alone
 * is a few hundred `lineTo`s: the line moves every second, the frame almost never.
 */
export function createLiveHeartRateChart(
  canvas: HTMLCanvasElement,
  lineCanvas: HTMLCanvasElement,
  recent: HeartRateWindow,
  zone?: { lowBpm: number; highBpm: number },
): LiveHeartRateChart {
  const { line, grid, text, band } = chartPalette(canvas);
  const windowSeconds = recent.windowMs / 1000;
  const lineContext = lineCanvas.getContext('2d');
  /** The time the line is drawn at; none until the first `draw`. */
  let nowMs: number | undefined;

  const drawLine = (chart: Chart<'line', BandPoint[]>) => {
    if (!lineContext) return;
    if (lineCanvas.width !== canvas.width || lineCanvas.height !== canvas.height) {
      lineCanvas.width = canvas.width;
      lineCanvas.height = canvas.height;
    }
    lineContext.setTransform(1, 0, 0, 1, 0, 0);
    lineContext.clearRect(0, 0, lineCanvas.width, lineCanvas.height);
    const { chartArea, scales } = chart;
    const x = scales.x;
    const y = scales.y;
    const drawnAtMs = nowMs;
    if (!x || !y || drawnAtMs === undefined) return;
    const ratio = chart.currentDevicePixelRatio;
    lineContext.setTransform(ratio, 0, 0, ratio, 0, 0);
    lineContext.save();
    // As Chart.js clips a line dataset: at the x bounds set, half the line's width beyond the y ones.
    const overflowPx = lineWidthPx / 2;
    lineContext.beginPath();
    lineContext.rect(
      chartArea.left,
      chartArea.top - overflowPx,
      chartArea.width,
      chartArea.height + 2 * overflowPx,
    );
    lineContext.clip();
    lineContext.beginPath();
    let penDown = false;
    recent.forEachPoint((atMs, heartRateBpm) => {
      // No reading leaves a gap rather than joining across it.
      if (heartRateBpm === null) {
        penDown = false;
        return;
      }
      const px = x.getPixelForValue((atMs - drawnAtMs) / 1000);
      const py = y.getPixelForValue(heartRateBpm);
      if (penDown) lineContext.lineTo(px, py);
      else lineContext.moveTo(px, py);
      penDown = true;
    });
    lineContext.lineWidth = lineWidthPx;
    lineContext.strokeStyle = line;
    lineContext.lineJoin = 'miter';
    lineContext.lineCap = 'butt';
    lineContext.stroke();
    lineContext.restore();
  };

  // Whenever Chart.js has drawn the frame (an update, a resize), the line follows its new scales.
  const linePlugin: Plugin<'line'> = {
    id: 'calmRunLiveLine',
    afterRender: (chart) => {
      drawLine(chart as Chart<'line', BandPoint[]>);
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
        drawLine(chart);
      }
    },
    destroy() {
      chart.destroy();
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
