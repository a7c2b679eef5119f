export interface FrameThrottle {
  /** Asks for a draw: at the next animation frame, or once the page is visible again. */
  request(): void;
  /** Forgets any draw asked for and stops listening. */
  cancel(): void;
}

/**
 * Runs `draw` at most once per animation frame however often it is asked, and never while the page is hidden: a
 * draw asked for then happens once, when the page is visible again. A live chart then costs one drawing per frame
 * that shows it, not one per packet, and nothing in a pocket.
 */
export function frameThrottle(draw: () => void): FrameThrottle {
  let frame: number | undefined;
  let waitingForVisible = false;

  const onVisibilityChange = () => {
    if (document.visibilityState === 'hidden') return;
    stopWaiting();
    request();
  };
  const stopWaiting = () => {
    waitingForVisible = false;
    document.removeEventListener('visibilitychange', onVisibilityChange);
  };
  const request = () => {
    if (frame !== undefined || waitingForVisible) return;
    if (document.visibilityState === 'hidden') {
      waitingForVisible = true;
      document.addEventListener('visibilitychange', onVisibilityChange);
      return;
    }
    frame = requestAnimationFrame(() => {
      frame = undefined;
      // Hidden since it was asked for: the draw waits for the page to show again.
      if (document.visibilityState === 'hidden') request();
      else draw();
    });
  };

  return {
    request,
    cancel() {
      if (frame !== undefined) cancelAnimationFrame(frame);
      frame = undefined;
      stopWaiting();
    },
  };
}
