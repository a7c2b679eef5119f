import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { relative, resolve } from 'node:path';
import { expect } from 'vitest';

const projectRoot = resolve(import.meta.dirname, '../../..');

/** Where `npm run bench` collects every figure: `{ "name": Figure }`. */
export const benchResultsPath = resolve(projectRoot, 'bench-results.json');

/** One figure, with when, where and on what it was measured, so figures from different runs never pass as one. */
export interface Figure {
  value: number;
  unit: string;
  /** The bench file that measured it, relative to the project root: its figures are replaced as one set. */
  bench: string;
  /** ISO time of the measurement. */
  measuredAt: string;
  /** `git rev-parse HEAD`, with "-dirty" when tracked files had uncommitted changes. */
  commit: string;
  /** The Chromium that measured it, for figures taken in the browser (Playwright's `browser.version()`). */
  chromium?: string;
  node: string;
  cpuCores: number;
  cpuModel: string;
}

type BenchResults = Record<string, Figure>;

function isFigure(value: unknown): value is Figure {
  if (typeof value !== 'object' || value === null) return false;
  const figure = value as Partial<Figure>;
  return (
    typeof figure.value === 'number' &&
    typeof figure.bench === 'string' &&
    typeof figure.measuredAt === 'string' &&
    typeof figure.commit === 'string'
  );
}

/** The recorded figures; entries from before figures carried their bench, time and commit are dropped. */
function readResults(): BenchResults {
  if (!existsSync(benchResultsPath)) return {};
  const parsed = JSON.parse(readFileSync(benchResultsPath, 'utf8')) as Record<string, unknown>;
  const results: BenchResults = {};
  for (const [name, entry] of Object.entries(parsed)) if (isFigure(entry)) results[name] = entry;
  return results;
}

function writeResults(results: BenchResults): void {
  const sorted = Object.fromEntries(Object.entries(results).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(benchResultsPath, JSON.stringify(sorted, null, 2) + '\n');
}

/** The bench file as recorded: relative to the project root, forward slashes. */
function benchName(testPath: string): string {
  return relative(projectRoot, testPath).split('\\').join('/');
}

/**
 * Removes every figure the bench file recorded before. Runs before each bench file (tests/bench/support/setup.ts),
 * so a figure whose test is skipped this time (no Chromium, `-t`), fails or was renamed is gone from
 * bench-results.json rather than kept from an earlier run.
 */
export function forgetFiguresOf(testPath: string): void {
  const bench = benchName(testPath);
  const results = readResults();
  const kept = Object.fromEntries(Object.entries(results).filter(([, figure]) => figure.bench !== bench));
  writeResults(kept);
}

let commitOnce: string | undefined;

function currentCommit(): string {
  if (commitOnce !== undefined) return commitOnce;
  try {
    const head = execSync('git rev-parse HEAD', { cwd: projectRoot, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
    const changes = execSync('git status --porcelain --untracked-files=no', {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim();
    commitOnce = changes === '' ? head : `${head}-dirty`;
  } catch {
    commitOnce = 'unknown (no git)';
  }
  return commitOnce;
}

/** The bench file running now, as vitest reports it. */
function currentBench(): string {
  const testPath = expect.getState().testPath;
  if (testPath === undefined) throw new Error('recordFigure is called outside a vitest test file');
  return benchName(testPath);
}

/**
 * Prints one figure and merges it into bench-results.json, with the time, commit, machine and (for browser
 * figures) the Chromium version beside it. A single bench file replaces only its own figures.
 */
export function recordFigure(
  name: string,
  value: number,
  unit: string,
  measuredWith: { chromium?: string } = {},
): void {
  const rounded = Number(value.toPrecision(6));
  const results = readResults();
  results[name] = {
    value: rounded,
    unit,
    bench: currentBench(),
    measuredAt: new Date().toISOString(),
    commit: currentCommit(),
    ...(measuredWith.chromium !== undefined && { chromium: measuredWith.chromium }),
    node: process.version,
    cpuCores: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
  };
  writeResults(results);
  console.log(`${name}: ${rounded} ${unit}`);
}

/** The median of some numbers (NaN for none). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
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
  return median(times);
}
