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
