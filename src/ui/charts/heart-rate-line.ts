/** Heart-rate points, oldest first, with a null heart rate where there was no reading. */
export interface LinePoints {
  forEachPoint(visit: (atMs: number, heartRateBpm: number | null) => void): void;
}

/**
 * Where the live chart's frame puts the line: its canvas size, and the two linear scales as `pixel = at0 + per *
 * value` (CSS pixels), x in seconds before now, y in bpm, read from Chart.js's scales whenever it lays the frame out.
 */
export interface LineLayout {
  /** The canvas's size in device pixels, as the frame's canvas. */
  widthPx: number;
  heightPx: number;
  pixelRatio: number;
  /** The clip, in CSS pixels: the chart area, half the line's width beyond it at the top and bottom. */
  clip: { left: number; top: number; width: number; height: number };
  xAt0: number;
  xPerSecond: number;
  yAt0: number;
  yPerBpm: number;
}

export interface LineStyle {
  color: string;
  widthPx: number;
}

/** What both a canvas's and an OffscreenCanvas's 2D context offer, all the line needs. */
export type LineContext = Pick<
  CanvasRenderingContext2D,
  | 'setTransform'
  | 'clearRect'
  | 'save'
  | 'restore'
  | 'beginPath'
  | 'rect'
  | 'clip'
  | 'moveTo'
  | 'lineTo'
  | 'stroke'
  | 'lineWidth'
  | 'strokeStyle'
  | 'lineJoin'
  | 'lineCap'
>;

/**
 * Clears the line's canvas and draws the heart rate of `points` as it is at `nowMs` (the clock the points were taken
 * with), a missing reading as a gap. The same drawing in a worker (heart-rate-line.worker.ts) and, where a canvas
 * cannot be handed to one, on the page.
 */
export function drawHeartRateLine(
  context: LineContext,
  points: LinePoints,
  layout: LineLayout,
  nowMs: number,
  style: LineStyle,
): void {
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, layout.widthPx, layout.heightPx);
  const { pixelRatio: ratio, clip } = layout;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.save();
  context.beginPath();
  context.rect(clip.left, clip.top, clip.width, clip.height);
  context.clip();
  context.beginPath();
  let penDown = false;
  points.forEachPoint((atMs, heartRateBpm) => {
    // No reading leaves a gap rather than joining across it.
    if (heartRateBpm === null) {
      penDown = false;
      return;
    }
    const px = layout.xAt0 + layout.xPerSecond * ((atMs - nowMs) / 1000);
    const py = layout.yAt0 + layout.yPerBpm * heartRateBpm;
    if (penDown) context.lineTo(px, py);
    else context.moveTo(px, py);
    penDown = true;
  });
  context.lineWidth = style.widthPx;
  context.strokeStyle = style.color;
  context.lineJoin = 'miter';
  context.lineCap = 'butt';
  context.stroke();
  context.restore();
}

/**
 * The heart rate of the last `windowMs`, kept by the worker that draws the line: points come in a few at a time and
 * leave once older than the window, so nothing grows over a long run.
 */
export class WindowedPoints implements LinePoints {
  readonly #timesMs: number[] = [];
  readonly #bpm: (number | null)[] = [];

  constructor(readonly windowMs: number) {}

  push(atMs: number, heartRateBpm: number | null): void {
    this.#timesMs.push(atMs);
    this.#bpm.push(heartRateBpm);
    const cutoffMs = atMs - this.windowMs;
    let old = 0;
    while (old < this.#timesMs.length && (this.#timesMs[old] ?? Infinity) < cutoffMs) old++;
    if (old > 0) {
      this.#timesMs.splice(0, old);
      this.#bpm.splice(0, old);
    }
  }

  forEachPoint(visit: (atMs: number, heartRateBpm: number | null) => void): void {
    for (let i = 0; i < this.#timesMs.length; i++) visit(this.#timesMs[i] ?? 0, this.#bpm[i] ?? null);
  }
}
