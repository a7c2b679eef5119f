import type { LineLayout, LineStyle } from './heart-rate-line';

/** What the page tells the worker that draws the live chart's line (heart-rate-line.worker.ts). */
export type LineWorkerMessage =
  | { type: 'start'; canvas: OffscreenCanvas; windowMs: number; style: LineStyle }
  | { type: 'layout'; layout: LineLayout }
  /**
   * The points measured since the last draw, as [atMs, heartRateBpm] pairs one after the other (NaN for no
   * reading), then a draw as at `nowMs`.
   */
  | { type: 'draw'; nowMs: number; newPoints: number[] };
