import * as v from 'valibot';
import type { BodySensorLocation } from '../../core/ble/body-sensor-location';
import { maxHeartRateBpm } from '../../core/ble/strap-measurement';
import type {
  RestingCheckRefusalReason,
  SessionEventType,
  SessionKind,
  SessionMeta,
  SessionStatus,
  SessionSummary,
  SessionZone,
} from '../../core/session/session-model';
import { toCompactSamples, type CompactSamples, type ContactCode } from './compact-samples';
import { maxSessionMs, maxWallMs, minWallMs, textCaps, type BackupLimits } from './file-limits';
import type { SessionWithSamples } from './session-with-samples';

/**
 * Strict valibot schemas for a session as a backup holds it. Strict: an unknown key anywhere (including
 * "__proto__" or "constructor") is refused, types and ranges are checked, and every string and list has a cap,
 * so whatever passes can go into the database as it is.
 */

const kinds = ['run', 'breathing', 'resting'] as const satisfies readonly SessionKind[];
const statuses = ['recording', 'paused', 'finished'] as const satisfies readonly SessionStatus[];
const locations = [
  'other',
  'chest',
  'wrist',
  'finger',
  'hand',
  'ear-lobe',
  'foot',
] as const satisfies readonly BodySensorLocation[];
const restingRefusals = [
  'too-many-artifacts',
  'too-short',
  'flat-signal',
] as const satisfies readonly RestingCheckRefusalReason[];
const zoneMethods = [
  'percent-max',
  'percent-reserve',
  'fixed',
  'calibrated',
  'by-feel',
] as const satisfies readonly SessionZone['method'][];
const eventTypes = [
  'started',
  'paused',
  'resumed',
  'finished',
  'strap-connected',
  'strap-disconnected',
  'strap-reconnected',
  'gap',
  'phase-changed',
  'cue',
  'mark',
  'resumed-after-reload',
] as const satisfies readonly SessionEventType[];

// If the model gains a value, these fail to compile until the schema knows it too.
type Unlisted<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
const _allKindsListed: Unlisted<SessionKind, (typeof kinds)[number]> = true;
const _allStatusesListed: Unlisted<SessionStatus, (typeof statuses)[number]> = true;
const _allLocationsListed: Unlisted<BodySensorLocation, (typeof locations)[number]> = true;
const _allRefusalsListed: Unlisted<RestingCheckRefusalReason, (typeof restingRefusals)[number]> = true;
const _allMethodsListed: Unlisted<SessionZone['method'], (typeof zoneMethods)[number]> = true;
const _allEventsListed: Unlisted<SessionEventType, (typeof eventTypes)[number]> = true;

/** The highest heart rate a file may claim: the one the app takes as a reading (no human heart beats faster). */
export { maxHeartRateBpm };

/** Ids are keys in the store and in maps: letters and digits first, then also . _ : - (a UUID fits). */
const idSchema = v.pipe(
  v.string(),
  v.maxLength(textCaps.id),
  v.regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'Expected an id of letters, digits and . _ : - only'),
);
/** A plan id may also be a course plan's path, `course/week-n/run-m` (see course-plan.ts). */
const planIdSchema = v.pipe(
  v.string(),
  v.maxLength(textCaps.id),
  v.regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/, 'Expected a plan id of letters, digits and . _ : / - only'),
);
const nameSchema = v.pipe(v.string(), v.maxLength(textCaps.name));
const wallMsSchema = v.pipe(v.number(), v.finite(), v.minValue(minWallMs), v.maxValue(maxWallMs));
const durationSchema = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(maxSessionMs));
const bpmSchema = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(maxHeartRateBpm));
const smallCountSchema = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000));
const boundedNumber = (min: number, max: number) =>
  v.pipe(v.number(), v.finite(), v.minValue(min), v.maxValue(max));

const moodSchema = v.strictObject({
  feeling: v.picklist([-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5]),
  arousal: v.picklist([1, 2, 3, 4, 5, 6]),
});

/**
 * The longest RR interval a sample holds (65,535 in 1/1024 s), in ms: no successive difference, so no RMSSD, is
 * larger. A strap sending junk beats gives a summary up there, and the run must still fit in a backup.
 */
const maxRrMs = (65_535 * 1000) / 1024;

/**
 * A bound on SDNN, SD1 and SD2, ms: intervals within 0..maxRrMs reach at most maxRrMs on each (three junk beats
 * alternating 1 and 65,535 come close); twice that leaves room for rounding.
 */
const maxSpreadMs = 2 * maxRrMs;
/**
 * A bound on a band's power, ms²: a band holds at most about the variance of the series, and intervals between 0
 * and {@link maxRrMs} vary by at most (maxRrMs / 2)²; four times that leaves room for the estimate's windowing.
 */
const maxPowerMs2 = maxRrMs ** 2;

const summarySchema = (limits: BackupLimits) =>
  v.strictObject({
    durationMs: durationSchema,
    activeMs: durationSchema,
    averageHeartRateBpm: v.optional(bpmSchema),
    maxHeartRateBpm: v.optional(bpmSchema),
    timeInZoneMs: v.optional(
      v.strictObject({ below: durationSchema, inZone: durationSchema, above: durationSchema }),
    ),
    beatCount: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(limits.maxRrPerSession)),
    rmssdMs: v.optional(boundedNumber(0, maxRrMs)),
    artifactPct: v.optional(boundedNumber(0, 100)),
    // Backups made before these were kept have none of the three: they still import.
    timeDomain: v.optional(
      v.strictObject({
        sdnnMs: boundedNumber(0, maxSpreadMs),
        pnn50Pct: boundedNumber(0, 100),
        sd1Ms: boundedNumber(0, maxSpreadMs),
        sd2Ms: boundedNumber(0, maxSpreadMs),
        meanRrMs: boundedNumber(0, maxRrMs),
      }),
    ),
    frequencyDomain: v.optional(
      v.strictObject({
        vlfMs2: boundedNumber(0, maxPowerMs2),
        lfMs2: boundedNumber(0, maxPowerMs2),
        hfMs2: boundedNumber(0, maxPowerMs2),
        lfHfRatio: boundedNumber(0, Number.MAX_VALUE),
        lfNu: boundedNumber(0, 100),
        hfNu: boundedNumber(0, 100),
        lfPeakHz: boundedNumber(0.04, 0.15),
        hfPeakHz: boundedNumber(0.15, 0.4),
      }),
    ),
    restingCheck: v.optional(
      v.strictObject({
        plannedMinutes: v.optional(v.picklist([2, 5])),
        pacedBreathing: v.boolean(),
        breathingRatePerMinute: v.optional(boundedNumber(1, 30)),
        refusal: v.optional(v.picklist(restingRefusals)),
      }),
    ),
    dfaAlpha1Timeline: v.optional(
      v.pipe(
        v.array(v.strictObject({ elapsedMs: durationSchema, alpha1: boundedNumber(-10, 10) })),
        v.maxLength(textCaps.timelinePoints),
      ),
    ),
    coherenceTimeline: v.optional(
      v.pipe(
        v.array(v.strictObject({ elapsedMs: durationSchema, ratio: boundedNumber(0, 1_000) })),
        v.maxLength(textCaps.timelinePoints),
      ),
    ),
    meanCoherence: v.optional(boundedNumber(0, 1_000)),
  });

const metaSchema = (limits: BackupLimits) =>
  v.pipe(
    v.strictObject({
      id: idSchema,
      kind: v.picklist(kinds),
      status: v.picklist(statuses),
      startedAtWallMs: wallMsSchema,
      endedAtWallMs: v.optional(wallMsSchema),
      runnerId: v.optional(idSchema),
      runnerName: v.optional(nameSchema),
      group: v.optional(
        v.strictObject({
          groupId: idSchema,
          size: smallCountSchema,
          place: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(999))),
        }),
      ),
      strap: v.optional(
        v.strictObject({ name: nameSchema, bodySensorLocation: v.optional(v.picklist(locations)) }),
      ),
      plan: v.optional(
        v.strictObject({
          planId: planIdSchema,
          name: nameSchema,
          courseWeek: v.optional(smallCountSchema),
          courseRun: v.optional(smallCountSchema),
        }),
      ),
      zone: v.optional(
        v.pipe(
          v.strictObject({
            lowBpm: bpmSchema,
            highBpm: bpmSchema,
            method: v.picklist(zoneMethods),
            // Backups made before the grace period was kept with the session have none: the default applies.
            graceMs: v.optional(durationSchema),
          }),
          v.check((zone) => zone.lowBpm <= zone.highBpm, 'The zone ends below where it starts'),
        ),
      ),
      before: v.optional(moodSchema),
      after: v.optional(moodSchema),
      exertion: v.optional(v.picklist([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])),
      notes: v.pipe(v.string(), v.maxLength(textCaps.notes)),
      events: v.pipe(
        v.array(
          v.strictObject({
            type: v.picklist(eventTypes),
            elapsedMs: durationSchema,
            detail: v.optional(v.pipe(v.string(), v.maxLength(textCaps.eventDetail))),
          }),
        ),
        v.maxLength(limits.maxEventsPerSession),
      ),
      summary: v.optional(summarySchema(limits)),
    }),
    v.check(
      (meta) => meta.endedAtWallMs === undefined || meta.endedAtWallMs >= meta.startedAtWallMs,
      'The session ends before it starts',
    ),
  );

/**
 * A list of numbers checked in one plain loop: valibot's per-item schemas would build an issue context for each of
 * the hundreds of thousands of values in a long session.
 */
function numberList<T extends number | null>(
  maxLength: number,
  isValid: (value: unknown) => value is T,
  description: string,
) {
  return v.custom<T[]>(
    (input) => Array.isArray(input) && input.length <= maxLength && input.every(isValid),
    `Expected a list of at most ${maxLength} values, each ${description}`,
  );
}

const isIntegerIn =
  (min: number, max: number) =>
  (value: unknown): value is number =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
/** Whole milliseconds, as the store's sample codec keeps them. */
const isElapsed = isIntegerIn(0, maxSessionMs);
const isHeartRateOrNull = (value: unknown): value is number | null =>
  value === null || isIntegerIn(0, maxHeartRateBpm)(value);
const isContactCode = (value: unknown): value is ContactCode => value === 0 || value === 1 || value === 2;

const compactSamplesSchema = (limits: BackupLimits) =>
  v.pipe(
    v.strictObject({
      elapsedMs: numberList(
        limits.maxSamplesPerSession,
        isElapsed,
        `a whole number of ms from 0 to ${maxSessionMs}`,
      ),
      heartRateBpm: numberList(
        limits.maxSamplesPerSession,
        isHeartRateOrNull,
        `a whole heart rate from 0 to ${maxHeartRateBpm} bpm or null`,
      ),
      contact: numberList(limits.maxSamplesPerSession, isContactCode, 'a contact code 0, 1 or 2'),
      rrCount: numberList(limits.maxSamplesPerSession, isIntegerIn(0, 1000), 'a whole count from 0 to 1000'),
      rr1024: numberList(
        limits.maxRrPerSession,
        isIntegerIn(1, 65535),
        'a whole RR interval from 1 to 65535',
      ),
    }),
    v.check(
      (samples) =>
        [samples.heartRateBpm, samples.contact, samples.rrCount].every(
          (list) => list.length === samples.elapsedMs.length,
        ),
      'The sample lists have different lengths',
    ),
    v.check(
      (samples) => samples.rrCount.reduce((sum, count) => sum + count, 0) === samples.rr1024.length,
      'The RR counts do not add up to the number of RR intervals',
    ),
    v.check(
      (samples) =>
        samples.elapsedMs.every((ms, index) => index === 0 || ms >= (samples.elapsedMs[index - 1] ?? 0)),
      'The sample times go backwards',
    ),
  );

export const backupSessionSchema = (limits: BackupLimits) =>
  v.strictObject({ meta: metaSchema(limits), samples: compactSamplesSchema(limits) });

// Both directions: what the schema gives is a SessionMeta, and every SessionMeta field has a place in the schema.
type SchemaMeta = v.InferOutput<ReturnType<typeof metaSchema>>;
const _schemaGivesMeta = (meta: SchemaMeta): SessionMeta => meta;
const _schemaCoversMeta: Unlisted<keyof SessionMeta, keyof SchemaMeta> = true;
const _schemaCoversSummary: Unlisted<
  keyof SessionSummary,
  keyof v.InferOutput<ReturnType<typeof summarySchema>>
> = true;
const _schemaGivesSamples = (
  samples: v.InferOutput<ReturnType<typeof compactSamplesSchema>>,
): CompactSamples => samples;

/**
 * Why a session could not go into a backup, or undefined when it can: an imported session is held to the same rules
 * as a restored one, so whatever gets into the database can also be backed up and restored.
 */
export function sessionIssue(session: SessionWithSamples, limits: BackupLimits): string | undefined {
  const result = v.safeParse(
    backupSessionSchema(limits),
    { meta: session.meta, samples: toCompactSamples(session.samples) },
    { abortEarly: true },
  );
  if (result.success) return undefined;
  const issue = result.issues[0];
  const path = v.getDotPath(issue);
  return `${path ? `${path}: ` : ''}${issue.message}`;
}
