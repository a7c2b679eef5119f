import {
  Chart,
  Filler,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  ScatterController,
  type ChartConfiguration,
  type ChartDataset,
} from 'chart.js';
import { chartPalette, type ChartPalette } from './chart-palette';
import type { SeriesPoint } from '../../core/session/chart-series';

Chart.register(LineController, ScatterController, LineElement, PointElement, LinearScale, Filler);

function baseOptions(palette: ChartPalette, xTitle: string, yTitle: string): ChartConfiguration['options'] {
  const axis = (title: string) => ({
    type: 'linear' as const,
    grid: { color: palette.grid },
    ticks: { color: palette.text },
    title: { display: true, text: title, color: palette.text },
  });
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    parsing: false,
    normalized: true,
    events: [],
    plugins: { legend: { display: false }, tooltip: { enabled: false } },
    scales: { x: axis(xTitle), y: axis(yTitle) },
  };
}

/** Heart rate over the run, the zone as a shaded band between its bounds; null points break the line. */
export function heartRateChart(
  canvas: HTMLCanvasElement,
  points: SeriesPoint[],
  zone: { lowBpm: number; highBpm: number } | undefined,
  labels: { minutes: string; bpm: string },
): Chart {
  const palette = chartPalette(canvas);
  const datasets: ChartDataset<'line', SeriesPoint[]>[] = [];
  const first = points[0]?.x ?? 0;
  const last = points.at(-1)?.x ?? 0;
  if (zone) {
    const bound = (bpm: number) => [
      { x: first, y: bpm },
      { x: last, y: bpm },
    ];
    datasets.push(
      { data: bound(zone.lowBpm), borderWidth: 0, pointRadius: 0 },
      {
        data: bound(zone.highBpm),
        borderWidth: 0,
        pointRadius: 0,
        fill: '-1',
        backgroundColor: palette.band,
      },
    );
  }
  datasets.push({ data: points, borderColor: palette.line, borderWidth: 2, pointRadius: 0, spanGaps: false });
  return new Chart(canvas, {
    type: 'line',
    data: { datasets },
    options: baseOptions(palette, labels.minutes, labels.bpm),
  } as ChartConfiguration<'line', SeriesPoint[]>);
}

export function lineChart(
  canvas: HTMLCanvasElement,
  points: SeriesPoint[],
  labels: { x: string; y: string },
  options: { showPoints?: boolean; referenceY?: number } = {},
): Chart {
  const palette = chartPalette(canvas);
  const datasets: ChartDataset<'line', SeriesPoint[]>[] = [
    {
      data: points,
      borderColor: palette.line,
      borderWidth: options.showPoints ? 2 : 1,
      pointRadius: options.showPoints ? 3 : 0,
      pointBackgroundColor: palette.line,
    },
  ];
  if (options.referenceY !== undefined && points.length > 0) {
    datasets.push({
      data: [
        { x: points[0]?.x ?? 0, y: options.referenceY },
        { x: points.at(-1)?.x ?? 0, y: options.referenceY },
      ],
      borderColor: palette.text,
      borderDash: [6, 4],
      borderWidth: 1,
      pointRadius: 0,
    });
  }
  return new Chart(canvas, {
    type: 'line',
    data: { datasets },
    options: baseOptions(palette, labels.x, labels.y),
  } as ChartConfiguration<'line', SeriesPoint[]>);
}

export function scatterChart(
  canvas: HTMLCanvasElement,
  points: { x: number; y: number }[],
  labels: { x: string; y: string },
): Chart {
  const palette = chartPalette(canvas);
  return new Chart(canvas, {
    type: 'scatter',
    data: { datasets: [{ data: points, pointRadius: 1.5, backgroundColor: palette.line }] },
    options: baseOptions(palette, labels.x, labels.y),
  } as ChartConfiguration<'scatter', { x: number; y: number }[]>);
}
