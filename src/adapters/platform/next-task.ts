/**
 * Runs `task` in a task of its own right after the current one: after the screen has taken what the current one
 * changed (a packet's number), and never held back as timers are on a hidden page (a message is not a timer).
 * Where there is no MessageChannel, a zero timeout stands in.
 */
export function inNextTask(task: () => void): void {
  if (typeof MessageChannel !== 'function') {
    setTimeout(task, 0);
    return;
  }
  queued.push(task);
  if (queued.length > 1) return;
  // One channel for good, and one message for all the tasks queued before it arrives: no channel per call, and
  // none left for the collector to take with a message still on its way.
  channel ??= openChannel();
  channel.port2.postMessage(undefined);
}

const queued: (() => void)[] = [];
let channel: MessageChannel | undefined;

function openChannel(): MessageChannel {
  const opened = new MessageChannel();
  opened.port1.onmessage = () => {
    for (const task of queued.splice(0)) {
      try {
        task();
      } catch (error) {
        // One task's fault must not drop the others; it is still reported as uncaught.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  };
  return opened;
}
