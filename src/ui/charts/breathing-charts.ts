import {
  Chart,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  type ChartConfiguration,
  type ChartDataset,
} from 'chart.js';
import { chartPalette } from './chart-palette';
import type { WavePoint } from '../../core/breathing/index';
import { coherenceThresholds, waveWindowMs } from '../../app/coherence-display';

Chart.register(LineController, LineElement, PointElement, LinearScale);

export type WaveChart = Chart<'line', WavePoint[]>;

// Charts here are read, not touched: no tooltips, no hover, no animation (reduced motion is honoured for free).
function quietOptions() {
  return {
    animation: false as const,
    responsive: true,
    maintainAspectRatio: false,
    parsing: false as const,
    normalized: true,
    events: [],
    plugins: { legend: { display: false }, tooltip: { enabled: false } },
  };
}

/** The heart-rate wave of the last minute under the pacer: seconds before the newest beat on x; built once. */
export function createWaveChart(
  canvas: HTMLCanvasElement,
  labels: { seconds: string; bpm: string },
): WaveChart {
  const palette = chartPalette(canvas);
  const windowS = waveWindowMs / 1000;
  const config: ChartConfiguration<'line', WavePoint[]> = {
    type: 'line',
    data: {
      datasets: [{ data: [], borderColor: palette.line, borderWidth: 3, pointRadius: 0, tension: 0.3 }],
    },
    options: {
      ...quietOptions(),
      scales: {
        x: {
          type: 'linear',
          min: -windowS,
          max: 0,
          grid: { color: palette.grid },
          ticks: { color: palette.text, stepSize: 10 },
          title: { display: true, text: labels.seconds, color: palette.text },
        },
        y: {
          type: 'linear',
          grid: { color: palette.grid },
          ticks: { color: palette.text },
          title: { display: true, text: labels.bpm, color: palette.text },
        },
      },
    },
  };
  return new Chart(canvas, config);
}

/** Shows the latest wave in place; the heart-rate axis follows the wave, so a small swing still shows as a wave. */
export function showWave(chart: WaveChart, points: WavePoint[]): void {
  const dataset = chart.data.datasets[0];
  const y = chart.options.scales?.y;
  if (!dataset || !y) return;
  dataset.data = points;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const point of points) {
    min = Math.min(min, point.y);
    max = Math.max(max, point.y);
  }
  if (max >= min) {
    // At least 10 bpm of axis: a steady heart then looks steady instead of magnified noise.
    const middle = (min + max) / 2;
    const half = Math.max(5, (max - min) / 2 + 2);
    y.min = Math.floor(middle - half);
    y.max = Math.ceil(middle + half);
  }
  chart.update('none');
}

type Point = { x: number; y: number };

function thresholdLines(first: number, last: number, color: string): ChartDataset<'line', Point[]>[] {
  return [coherenceThresholds.lowMedium, coherenceThresholds.mediumHigh].map((ratio) => ({
    data: [
      { x: first, y: ratio },
      { x: last, y: ratio },
    ],
    borderColor: color,
    borderDash: [6, 4],
    borderWidth: 1,
    pointRadius: 0,
  }));
}

function lineWithThresholds(
  canvas: HTMLCanvasElement,
  points: Point[],
  labels: { x: string; y: string },
  options: { showPoints: boolean; xTicks?: (value: number) => string },
): Chart {
  const palette = chartPalette(canvas);
  const first = points[0]?.x ?? 0;
  const last = points.at(-1)?.x ?? 0;
  const datasets: ChartDataset<'line', Point[]>[] = [
    {
      data: points,
      borderColor: palette.line,
      borderWidth: 2,
      pointRadius: options.showPoints ? 4 : 0,
      pointBackgroundColor: palette.line,
    },
    ...thresholdLines(first, last, palette.text),
  ];
  const axis = (title: string) => ({
    type: 'linear' as const,
    grid: { color: palette.grid },
    ticks: { color: palette.text },
    title: { display: true, text: title, color: palette.text },
  });
  const xTicks = options.xTicks;
  return new Chart(canvas, {
    type: 'line',
    data: { datasets },
    options: {
      ...quietOptions(),
      scales: {
        x: {
          ...axis(labels.x),
          ...(xTicks && {
            ticks: {
              color: palette.text,
              stepSize: 1,
              callback: (value: number | string) => xTicks(Number(value)),
            },
          }),
        },
        y: { ...axis(labels.y), suggestedMin: 0, suggestedMax: coherenceThresholds.mediumHigh + 1 },
      },
    },
  });
}

/** An exercise's coherence every 5 s (minutes on x), the two level thresholds as dashed lines. */
export function coherenceTimelineChart(
  canvas: HTMLCanvasElement,
  timeline: readonly { elapsedMs: number; ratio: number }[],
  labels: { x: string; y: string },
): Chart {
  const points = timeline.map((point) => ({ x: point.elapsedMs / 60_000, y: point.ratio }));
  return lineWithThresholds(canvas, points, labels, { showPoints: false });
}

/** Mean coherence week by week, weeks ago on x (this week at 0), the level thresholds as dashed lines. */
export function coherenceTrendChart(
  canvas: HTMLCanvasElement,
  weeks: readonly { weeksAgo: number; meanCoherence: number }[],
  labels: { x: string; y: string },
): Chart {
  const points = weeks.map((week) => ({ x: -week.weeksAgo, y: week.meanCoherence }));
  return lineWithThresholds(canvas, points, labels, {
    showPoints: true,
    xTicks: (value) => String(Math.abs(value)),
  });
}
