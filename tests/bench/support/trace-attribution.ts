/**
 * Reads a Chromium trace (categories 'toplevel' and 'devtools.timeline') for how much of a page's main-thread CPU
 * time went to a bench's own functions, told apart by name in FunctionCall events.
 */

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  /** Start, µs. */
  ts: number;
  /** Wall duration, µs. */
  dur?: number;
  /** CPU time of the thread, µs. */
  tdur?: number;
  args?: { data?: { functionName?: string } };
}

export interface BenchCost {
  /** The traced span of the page's main thread, ms. */
  spanMs: number;
  /** CPU time of every task of the page's main thread, ms. */
  taskCpuMs: number;
  /** CPU time of the bench's own work, ms. */
  benchCpuMs: number;
  /** How many times each of the bench's functions ran. */
  calls: Record<string, number>;
}

/**
 * The bench's share of the page's main thread in the trace: the whole task of each call of `wholeTaskFunction` (a
 * timer task that exists only for the bench), and the calls themselves of `callFunctions` (listeners and observers
 * that run inside the app's own tasks).
 */
export function benchCostInTrace(
  traceJson: string,
  wholeTaskFunction: string,
  callFunctions: readonly string[],
): BenchCost {
  const parsed = JSON.parse(traceJson) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const names = new Set([wholeTaskFunction, ...callFunctions]);
  const isBenchCall = (event: TraceEvent) =>
    event.name === 'FunctionCall' && names.has(event.args?.data?.functionName ?? '');
  const first = events.find(isBenchCall);
  if (!first) throw new Error(`The trace shows no call of ${[...names].join(', ')}`);
  const thread = events
    .filter((event) => event.pid === first.pid && event.tid === first.tid && event.ph === 'X')
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));

  const calls: Record<string, number> = Object.fromEntries([...names].map((name) => [name, 0]));
  let taskCpuUs = 0;
  let benchCpuUs = 0;
  let task: TraceEvent | undefined;
  let taskIsBench = false;
  const endOf = (event: TraceEvent) => event.ts + (event.dur ?? 0);
  const closeTask = () => {
    if (task && taskIsBench) benchCpuUs += task.tdur ?? 0;
  };
  for (const event of thread) {
    if (!task || event.ts >= endOf(task)) {
      closeTask();
      task = event;
      taskIsBench = false;
      taskCpuUs += event.tdur ?? 0;
    }
    if (!isBenchCall(event)) continue;
    const name = event.args?.data?.functionName ?? '';
    calls[name] = (calls[name] ?? 0) + 1;
    if (name === wholeTaskFunction) taskIsBench = true;
    else benchCpuUs += event.tdur ?? 0;
  }
  closeTask();
  const startUs = thread[0]?.ts ?? 0;
  const endUs = Math.max(...thread.map(endOf));
  return {
    spanMs: (endUs - startUs) / 1000,
    taskCpuMs: taskCpuUs / 1000,
    benchCpuMs: benchCpuUs / 1000,
    calls,
  };
}

/**
 * Where each renderer thread's CPU time went in a trace, by event name (self time: an event's CPU time less that of
 * the events inside it), ms per second of the traced span, largest first: the page's main thread
 * (CrRendererMain) and each of its workers (DedicatedWorker thread), so that work moved off the main thread is
 * still shown. The page's renderer is the one whose main thread ran the most `FunctionCall` events.
 */
export function threadSelfTimeByName(traceJson: string, limit = 12): string {
  const parsed = JSON.parse(traceJson) as
    | { traceEvents: (TraceEvent & { args?: { name?: string } })[] }
    | (TraceEvent & { args?: { name?: string } })[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const key = (event: TraceEvent) => `${String(event.pid)}:${String(event.tid)}`;
  const threadNames = new Map<string, string>();
  for (const event of events) {
    if (event.ph === 'M' && event.name === 'thread_name' && event.args?.name)
      threadNames.set(key(event), event.args.name);
  }
  const callsByThread = new Map<string, number>();
  for (const event of events) {
    if (event.name !== 'FunctionCall' || threadNames.get(key(event)) !== 'CrRendererMain') continue;
    callsByThread.set(key(event), (callsByThread.get(key(event)) ?? 0) + 1);
  }
  const mainKey = [...callsByThread.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const pagePid = mainKey?.split(':')[0];
  const threads = [...threadNames.entries()].filter(
    ([threadKey, name]) =>
      threadKey.split(':')[0] === pagePid && (threadKey === mainKey || name === 'DedicatedWorker thread'),
  );
  const endOf = (event: TraceEvent) => event.ts + (event.dur ?? 0);
  const page = events.filter((event) => event.ph === 'X' && key(event) === mainKey);
  const spanS =
    page.length === 0 ? 1 : (Math.max(...page.map(endOf)) - Math.min(...page.map((event) => event.ts))) / 1e6;
  return threads
    .map(([threadKey, name]) => {
      const thread = events
        .filter((event) => event.ph === 'X' && key(event) === threadKey)
        .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
      const selfUs = new Map<string, number>();
      const stack: TraceEvent[] = [];
      let totalUs = 0;
      for (const event of thread) {
        while (stack.length > 0 && event.ts >= endOf(stack[stack.length - 1] as TraceEvent)) stack.pop();
        const parent = stack[stack.length - 1];
        const cpuUs = event.tdur ?? 0;
        if (!parent) totalUs += cpuUs;
        selfUs.set(event.name, (selfUs.get(event.name) ?? 0) + cpuUs);
        if (parent) selfUs.set(parent.name, (selfUs.get(parent.name) ?? 0) - cpuUs);
        stack.push(event);
      }
      const rows = [...selfUs.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, limit)
        .map(([eventName, us]) => `    ${(us / 1000 / spanS).toFixed(2).padStart(7)} ms/s  ${eventName}`);
      return [`  ${name}: ${(totalUs / 1000 / spanS).toFixed(1)} ms/s in all`, ...rows].join('\n');
    })
    .join('\n');
}
