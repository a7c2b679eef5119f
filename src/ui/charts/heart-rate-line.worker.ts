/// <reference lib="webworker" />
import { drawHeartRateLine, WindowedPoints, type LineLayout, type LineStyle } from './heart-rate-line';
import type { LineWorkerMessage } from './heart-rate-line-messages';

/**
 * Draws the live chart's heart-rate line on a canvas the page handed over: the drawing and its rasterising happen
 * here, and the frames go to the compositor from here, so the page's main thread only posts the new points.
 */
let canvas: OffscreenCanvas | undefined;
let context: OffscreenCanvasRenderingContext2D | null = null;
let points: WindowedPoints | undefined;
let style: LineStyle | undefined;
let layout: LineLayout | undefined;

self.onmessage = (event: MessageEvent<LineWorkerMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'start':
      canvas = message.canvas;
      context = canvas.getContext('2d');
      points = new WindowedPoints(message.windowMs);
      style = message.style;
      break;
    case 'layout':
      layout = message.layout;
      if (canvas && (canvas.width !== layout.widthPx || canvas.height !== layout.heightPx)) {
        canvas.width = layout.widthPx;
        canvas.height = layout.heightPx;
      }
      break;
    case 'draw': {
      const { newPoints } = message;
      for (let i = 0; i + 1 < newPoints.length; i += 2) {
        const heartRateBpm = newPoints[i + 1] ?? Number.NaN;
        points?.push(newPoints[i] ?? 0, Number.isNaN(heartRateBpm) ? null : heartRateBpm);
      }
      if (context && points && layout && style)
        drawHeartRateLine(context, points, layout, message.nowMs, style);
      break;
    }
  }
};
