import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Where `npm run bench` collects every figure: `{ "name": { "value": n, "unit": "..." } }`. */
export const benchResultsPath = resolve(import.meta.dirname, '../../../bench-results.json');

export interface Figure {
  value: number;
  unit: string;
}

/** Prints one figure and merges it into bench-results.json, so a single bench file updates only its own figures. */
export function recordFigure(name: string, value: number, unit: string): void {
  const figures: Record<string, Figure> = existsSync(benchResultsPath)
    ? (JSON.parse(readFileSync(benchResultsPath, 'utf8')) as Record<string, Figure>)
    : {};
  const rounded = Number(value.toPrecision(6));
  figures[name] = { value: rounded, unit };
  writeFileSync(benchResultsPath, JSON.stringify(figures, null, 2) + '\n');
  console.log(`${name}: ${rounded} ${unit}`);
}

/**
 * Median wall time of `run` in milliseconds, after `warmup` untimed calls. Batches calls so each sample
 * lasts long enough for the timer's resolution.
 */
export function medianMs(
  run: () => unknown,
  options: { warmup?: number; samples?: number; batch?: number } = {},
): number {
  const { warmup = 50, samples = 41, batch = 5 } = options;
  for (let i = 0; i < warmup; i++) run();
  const times: number[] = [];
  for (let s = 0; s < samples; s++) {
    const start = performance.now();
    for (let i = 0; i < batch; i++) run();
    times.push((performance.now() - start) / batch);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}
