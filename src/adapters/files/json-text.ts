import type { BackupLimits } from './file-limits';
import type { ImportRefusal } from './import-refusal';
import { jsonShapeIssue } from './json-nesting';
import type { Refusal } from './session-with-samples';

/**
 * The first steps of reading a JSON file that a backup and a client file share: UTF-8 throughout, measured, not
 * empty, scanned for absurd nesting and then parsed. Each kind of file names its own refusals.
 */
export interface JsonTextRefusals {
  notText: ImportRefusal;
  tooLarge: (maxMegabytes: number) => ImportRefusal;
  empty: ImportRefusal;
  tooDeep: ImportRefusal;
  tooManyEntries: (maxEntries: number) => ImportRefusal;
  notJson: ImportRefusal;
}

/** The file's bytes as text: UTF-8 throughout (a byte order mark is allowed); undefined for anything else. */
export function utf8Text(bytes: Uint8Array): string | undefined {
  try {
    // Fatal: the decoder would otherwise put replacement characters in a runner's notes and import them.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** The parsed JSON of a file's text, or the refusal of the first check it fails. */
export function parseJsonText(
  text: string,
  limits: BackupLimits,
  refusals: JsonTextRefusals,
): { ok: true; json: unknown } | Refusal {
  if (typeof text !== 'string') return refuse(refusals.notText);
  if (text.length > limits.maxTextLength)
    return refuse(refusals.tooLarge(Math.round(limits.maxTextLength / (1024 * 1024))));
  if (text.trim() === '') return refuse(refusals.empty);
  const shapeIssue = jsonShapeIssue(text, {
    maxDepth: limits.maxNestingDepth,
    maxContainers: limits.maxObjectsAndLists,
  });
  if (shapeIssue === 'too-deep') return refuse(refusals.tooDeep);
  if (shapeIssue === 'too-many-containers') return refuse(refusals.tooManyEntries(limits.maxObjectsAndLists));
  try {
    return { ok: true, json: JSON.parse(text) as unknown };
  } catch {
    return refuse(refusals.notJson);
  }
}

/**
 * A schema's words, cut to 200 characters: the path holds the file's own keys, and a hostile file's key can be
 * as long as the file.
 */
export function shortDetail(detail: string): string {
  return detail.length > 200 ? `${detail.slice(0, 200)}…` : detail;
}

function refuse(refusal: ImportRefusal): Refusal {
  return { ok: false, refusal };
}
