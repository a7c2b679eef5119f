import {
  Chart,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  type ChartConfiguration,
} from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale);

export type HeartRatePoint = { x: number; y: number | null };
export type HeartRateChart = Chart<'line', HeartRatePoint[]>;

/** A line chart of the last minutes, seconds before now on x; built once and updated in place. */
export function createHeartRateChart(canvas: HTMLCanvasElement, windowSeconds: number): HeartRateChart {
  const style = getComputedStyle(canvas);
  const line = style.getPropertyValue('--accent').trim() || '#1f5f5b';
  const grid = style.getPropertyValue('--border').trim() || '#c9cfcc';
  const text = style.getPropertyValue('--muted').trim() || '#4d5757';
  const config: ChartConfiguration<'line', HeartRatePoint[]> = {
    type: 'line',
    data: { datasets: [{ data: [], borderColor: line, borderWidth: 3, pointRadius: 0, spanGaps: false }] },
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
