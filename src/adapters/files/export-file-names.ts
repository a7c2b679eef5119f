/**
 * A file name for something exported from Calm Run, from the session's start in the runner's local time:
 * `calm-run-2026-11-29-0715.fit`. Local, because that is the time the runner remembers; no colons or spaces, so the
 * name is valid on every file system and survives being shared.
 */
export function exportFileName(startedAtWallMs: number, extension: string, prefix = 'calm-run'): string {
  const start = new Date(startedAtWallMs);
  const two = (value: number): string => String(value).padStart(2, '0');
  const date = `${String(start.getFullYear())}-${two(start.getMonth() + 1)}-${two(start.getDate())}`;
  return `${prefix}-${date}-${two(start.getHours())}${two(start.getMinutes())}.${extension}`;
}

/**
 * A strap packet log's file name, stamped to the millisecond in UTC (`calm-run-packets-2026-11-29T06-15-02-123Z.jsonl`):
 * logs are for replaying and comparing, several in a row, not for the runner's memory. Colons and dots become dashes.
 */
export function packetLogFileName(savedAtWallMs: number): string {
  const stamp = new Date(savedAtWallMs).toISOString().replace(/[:.]/gu, '-');
  return `calm-run-packets-${stamp}.jsonl`;
}

/**
 * A client file's name from the client's name or pseudonym and the day it was made, in the device's local time:
 * `calm-run-client-anna-de-vries-2026-11-29.json`. Letters lose their accents and anything but letters and digits
 * becomes a dash, so the name is valid everywhere; a name with nothing left gives `calm-run-client-2026-11-29.json`.
 */
export function clientFileName(clientName: string, madeAtWallMs: number): string {
  const slug = clientName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '')
    .slice(0, 40)
    .replace(/-+$/u, '');
  const day = new Date(madeAtWallMs);
  const two = (value: number): string => String(value).padStart(2, '0');
  const date = `${String(day.getFullYear())}-${two(day.getMonth() + 1)}-${two(day.getDate())}`;
  return `calm-run-client-${slug === '' ? '' : `${slug}-`}${date}.json`;
}
