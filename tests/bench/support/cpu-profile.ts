/** A printer for a CDP Profiler session, for benches that say where the time went. */

/** What the printer reads of CDP's Profiler.Profile. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** The functions with the most self time in a CPU profile, in ms per second of `spanMs`. */
export function topFunctions(profile: CpuProfile, spanMs: number, count = 30): string {
  const selfUs = new Map<number, number>();
  const deltas = profile.timeDeltas ?? [];
  for (const [index, nodeId] of (profile.samples ?? []).entries()) {
    selfUs.set(nodeId, (selfUs.get(nodeId) ?? 0) + (deltas[index + 1] ?? 0));
  }
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') continue;
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop() ?? ''}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + (selfUs.get(node.id) ?? 0));
  }
  return [...byFunction.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, us]) => `  ${(us / spanMs).toFixed(3)}  ${key}`)
    .join('\n');
}
