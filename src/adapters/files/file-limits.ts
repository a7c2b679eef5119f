/**
 * Size and count limits for files coming in. They are far above any real session (a 24 h run at one notification
 * per second is 86,400 samples and about 200,000 beats), so they only ever stop a hostile or broken file before it
 * fills memory or the database.
 */
export interface FitImportLimits {
  maxBytes: number;
  maxRecords: number;
  maxRrIntervals: number;
}

export const defaultFitImportLimits: FitImportLimits = {
  maxBytes: 50 * 1024 * 1024,
  maxRecords: 400_000,
  maxRrIntervals: 1_000_000,
};

export interface BackupLimits {
  /** In UTF-16 code units, as the string is measured before JSON.parse sees it; a backup is nearly all ASCII. */
  maxTextLength: number;
  maxSessions: number;
  maxSamplesPerSession: number;
  maxRrPerSession: number;
  maxEventsPerSession: number;
  /** A backup nests about eight levels deep; anything far deeper is junk meant to exhaust the parser's stack. */
  maxNestingDepth: number;
  /**
   * Objects and lists in the whole file. A session has a few hundred (its record, events, timeline points; its
   * samples are five lists of numbers), so a full 100 MB backup holds well under a million; a file of millions of
   * empty objects is junk that would fill the page's memory while it is parsed.
   */
  maxObjectsAndLists: number;
}

export const defaultBackupLimits: BackupLimits = {
  maxTextLength: 100 * 1024 * 1024,
  maxSessions: 20_000,
  maxSamplesPerSession: 500_000,
  maxRrPerSession: 1_000_000,
  maxEventsPerSession: 100_000,
  maxNestingDepth: 32,
  maxObjectsAndLists: 2_000_000,
};

/** Caps on single values in a backup; the UI should keep its own inputs below these. */
export const textCaps = {
  id: 128,
  name: 200,
  notes: 100_000,
  eventDetail: 1_000,
  timelinePoints: 100_000,
} as const;

/** A week: longer than any run or breathing session, short enough to catch a clock gone wrong. */
export const maxSessionMs = 7 * 24 * 60 * 60 * 1000;
/** Wall-clock times accepted in files: 2000-01-01 to 2200-01-01 UTC. Earlier means a device whose clock was unset. */
export const minWallMs = Date.UTC(2000, 0, 1);
export const maxWallMs = Date.UTC(2200, 0, 1);
