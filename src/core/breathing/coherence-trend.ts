/** One finished exercise as the trend needs it (a history entry's start and its summary's mean coherence). */
export interface CoherenceTrendEntry {
  readonly startedAtWallMs: number;
  readonly meanCoherence: number;
}

/** The exercises of one week, counted back from now: week 0 is the last seven days. */
export interface WeeklyCoherence {
  readonly weeksAgo: number;
  readonly meanCoherence: number;
  readonly sessions: number;
}

const weekMs = 7 * 24 * 3600_000;

/**
 * Mean coherence per week, oldest first: weeks are seven-day stretches counted back from `nowWallMs`, so the
 * latest point is always "this week" whatever the calendar or time zone. Weeks without an exercise are left out
 * (a gap is not a week of zero coherence); entries in the future or without a finite mean are ignored.
 */
export function weeklyCoherence(
  entries: readonly CoherenceTrendEntry[],
  nowWallMs: number,
): WeeklyCoherence[] {
  const weeks = new Map<number, { sum: number; count: number }>();
  for (const entry of entries) {
    const ageMs = nowWallMs - entry.startedAtWallMs;
    if (!(ageMs >= 0) || !Number.isFinite(entry.meanCoherence)) continue;
    const weeksAgo = Math.floor(ageMs / weekMs);
    const week = weeks.get(weeksAgo) ?? { sum: 0, count: 0 };
    week.sum += entry.meanCoherence;
    week.count++;
    weeks.set(weeksAgo, week);
  }
  return [...weeks.entries()]
    .sort(([a], [b]) => b - a)
    .map(([weeksAgo, { sum, count }]) => ({ weeksAgo, meanCoherence: sum / count, sessions: count }));
}
