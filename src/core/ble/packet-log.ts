import { hexToBytes } from './hex';

/**
 * A recorded strap session for diagnostics and replay: JSON lines of `{ "t": ms, "hex": "..." }`, where t is the
 * receive time in ms since the first packet and hex is the raw Heart Rate Measurement value.
 */
export interface PacketLogEntry {
  tMs: number;
  bytes: Uint8Array;
}

export type PacketLogParseResult =
  { ok: true; entries: PacketLogEntry[] } | { ok: false; line: number; reason: string };

/** Guards a hostile or mistaken file: a packet log of a 3-hour run at 4 packets a second is far below this. */
export const maxPacketLogEntries = 200_000;

export function parsePacketLog(text: string): PacketLogParseResult {
  const entries: PacketLogEntry[] = [];
  const lines = text.split(/\r?\n/u);
  let previousMs = -Infinity;
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] ?? '').trim();
    if (line === '') continue;
    const lineNumber = index + 1;
    if (entries.length >= maxPacketLogEntries) {
      return { ok: false, line: lineNumber, reason: `more than ${maxPacketLogEntries} packets` };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      return { ok: false, line: lineNumber, reason: 'not a JSON object' };
    }
    if (typeof parsed !== 'object' || parsed === null) {
      return { ok: false, line: lineNumber, reason: 'not a JSON object' };
    }
    const { t, hex } = parsed as { t?: unknown; hex?: unknown };
    if (typeof t !== 'number' || !Number.isFinite(t) || t < 0) {
      return { ok: false, line: lineNumber, reason: '"t" must be a non-negative number of milliseconds' };
    }
    if (t < previousMs) return { ok: false, line: lineNumber, reason: '"t" goes back in time' };
    const bytes = typeof hex === 'string' ? hexToBytes(hex) : undefined;
    if (bytes === undefined)
      return { ok: false, line: lineNumber, reason: '"hex" must be bytes written in hex' };
    previousMs = t;
    entries.push({ tMs: t, bytes });
  }
  return { ok: true, entries };
}

export function formatPacketLogLine(tMs: number, hex: string): string {
  return JSON.stringify({ t: Math.round(tMs), hex });
}
