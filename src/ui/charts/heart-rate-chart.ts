import {
  Chart,
  Filler,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  type ChartConfiguration,
  type ChartDataset,
} from 'chart.js';
import { chartPalette } from './chart-palette';

Chart.register(LineController, LineElement, PointElement, LinearScale, Filler);

export type HeartRatePoint = { x: number; y: number | null };
export type HeartRateChart = Chart<'line', HeartRatePoint[]>;

/** A line chart of the last minutes, seconds before now on x; built once and updated in place. */
export function createHeartRateChart(
  canvas: HTMLCanvasElement,
  windowSeconds: number,
  zone?: { lowBpm: number; highBpm: number },
): HeartRateChart {
  const { line, grid, text, band } = chartPalette(canvas);
  const config: ChartConfiguration<'line', HeartRatePoint[]> = {
    type: 'line',
    data: {
      datasets: [
        { data: [], borderColor: line, borderWidth: 3, pointRadius: 0, spanGaps: false },
        // The zone as a shaded band between its bounds, drawn under the heart-rate line.
        ...(zone ? zoneBand(zone, windowSeconds, band) : []),
      ],
    },
    options: {
      // Updated every second: animation would only cost battery, and reduced motion is honoured for free.
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
          suggestedMin: 60,
          suggestedMax: 160,
          grid: { color: grid },
          ticks: { color: text },
        },
      },
    },
  };
  return new Chart(canvas, config);
}

export function showHeartRate(chart: HeartRateChart, points: HeartRatePoint[]): void {
  const dataset = chart.data.datasets[0];
  if (!dataset) return;
  dataset.data = points;
  chart.update('none');
}

function zoneBand(
  zone: { lowBpm: number; highBpm: number },
  windowSeconds: number,
  color: string,
): ChartDataset<'line', HeartRatePoint[]>[] {
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
