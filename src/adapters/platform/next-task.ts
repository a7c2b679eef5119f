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
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    task();
  };
  channel.port2.postMessage(undefined);
}
