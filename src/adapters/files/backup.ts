import * as v from 'valibot';
import type {
  MoodReport,
  RestingCheckSummary,
  SessionEvent,
  SessionMeta,
  SessionPlanRef,
  SessionGroupRef,
  SessionStrap,
  SessionSummary,
  SessionZone,
  SummaryFrequencyDomain,
  SummaryTimeDomain,
} from '../../core/session/session-model';
import { fromCompactSamples, toCompactSamples, type CompactSamples } from './compact-samples';
import { defaultBackupLimits, type BackupLimits } from './file-limits';
import { clientFileFormat } from './file-formats';
import { parseJsonText, shortDetail, utf8Text, type JsonTextRefusals } from './json-text';
import { backupSessionSchema } from './session-schema';
import type { ImportRefusal } from './import-refusal';
import type { Refusal, SessionWithSamples } from './session-with-samples';

export const backupFormat = 'calm-run-backup';
/** Raised only for a change an older Calm Run could not read correctly; it then refuses the file by name. */
export const backupVersion = 1;

/**
 * A backup file:
 * { format: 'calm-run-backup', version: 1, exportedAt: ISO time, app: { name, version },
 *   sessions: [{ meta: SessionMeta, samples: CompactSamples }] }
 * Samples are parallel arrays (see CompactSamples); JSON without indentation, as these files get large.
 */
export interface BackupDocument {
  format: typeof backupFormat;
  version: typeof backupVersion;
  exportedAt: string;
  app: { name: string; version: string };
  sessions: { meta: SessionMeta; samples: CompactSamples }[];
}

export type BackupParseResult = { ok: true; sessions: SessionWithSamples[] } | Refusal;

export function exportBackup(
  sessions: readonly SessionWithSamples[],
  appVersion: string,
  now: Date = new Date(),
): string {
  const document: BackupDocument = {
    format: backupFormat,
    version: backupVersion,
    exportedAt: now.toISOString(),
    app: { name: 'Calm Run', version: appVersion },
    sessions: sessions.map(backupSessionOf),
  };
  return JSON.stringify(document);
}

/**
 * One session as a backup writes it: the meta with exactly the model's fields, the samples as parallel arrays.
 * Client files carry their sessions the same way, and two sessions with the same JSON of this are the same.
 */
export function backupSessionOf({ meta, samples }: SessionWithSamples): {
  meta: SessionMeta;
  samples: CompactSamples;
} {
  return { meta: backupMeta(meta), samples: toCompactSamples(samples) };
}

const envelopeSchema = v.looseObject({
  format: v.literal(backupFormat),
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
});

const documentSchema = (limits: BackupLimits) =>
  v.strictObject({
    format: v.literal(backupFormat),
    version: v.literal(backupVersion),
    exportedAt: v.pipe(v.string(), v.maxLength(40), v.isoTimestamp()),
    app: v.strictObject({
      name: v.pipe(v.string(), v.maxLength(100)),
      version: v.pipe(v.string(), v.maxLength(100)),
    }),
    sessions: v.pipe(v.array(backupSessionSchema(limits)), v.maxLength(limits.maxSessions)),
  });

/**
 * Reads a backup file's bytes: they must be UTF-8 throughout (a backup is written so, and the decoder would
 * otherwise put replacement characters in the runner's notes and import them), then {@link parseBackup}. A byte
 * order mark is allowed. Never throws.
 */
export function parseBackupBytes(
  bytes: Uint8Array,
  limits: BackupLimits = defaultBackupLimits,
): BackupParseResult {
  const text = utf8Text(bytes);
  return text === undefined ? refuse(backupTextRefusals.notText) : parseBackup(text, limits);
}

/**
 * Reads a backup, all or nothing: the text is measured and scanned for absurd nesting before it is parsed, then
 * the whole document is checked against strict schemas (types, ranges, caps, no unknown keys such as "__proto__")
 * before any session is handed out. A file from a newer Calm Run is refused by name. Never throws.
 */
export function parseBackup(text: string, limits: BackupLimits = defaultBackupLimits): BackupParseResult {
  try {
    return readBackup(text, limits);
  } catch (error) {
    // Nothing above should throw; this is the last guard so a strange file can never break the import screen.
    return refuse({
      code: 'backup-unreadable',
      detail: error instanceof Error ? error.message : String(error),
    });
  }
}

const backupTextRefusals: JsonTextRefusals = {
  notText: { code: 'backup-not-text' },
  tooLarge: (maxMegabytes) => ({ code: 'backup-too-large', maxMegabytes }),
  empty: { code: 'backup-empty' },
  tooDeep: { code: 'backup-too-deep' },
  tooManyEntries: (maxEntries) => ({ code: 'backup-too-many-entries', maxEntries }),
  notJson: { code: 'backup-not-json' },
};

function readBackup(text: string, limits: BackupLimits): BackupParseResult {
  const read = parseJsonText(text, limits, backupTextRefusals);
  if (!read.ok) return read;
  const json = read.json;

  if (isClientFile(json)) return refuse({ code: 'backup-is-client-file' });
  const envelope = v.safeParse(envelopeSchema, json);
  if (!envelope.success) {
    const issue = envelope.issues[0];
    const path = v.getDotPath(issue);
    return refuse({ code: path === 'version' ? 'backup-no-version' : 'backup-not-calm-run' });
  }
  if (envelope.output.version > backupVersion) {
    return refuse({ code: 'backup-newer-version', version: envelope.output.version });
  }

  const parsed = v.safeParse(documentSchema(limits), json, { abortEarly: true });
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = v.getDotPath(issue);
    return refuse({
      code: 'backup-damaged',
      detail: shortDetail(`${path ? `${path}: ` : ''}${issue.message}`),
    });
  }
  const { sessions } = parsed.output;
  if (new Set(sessions.map((session) => session.meta.id)).size !== sessions.length) {
    return refuse({ code: 'backup-duplicate-session' });
  }
  return {
    ok: true,
    sessions: sessions.map(({ meta, samples }) => ({
      meta,
      samples: fromCompactSamples(samples),
    })),
  };
}

/** A client file handed to the backup import: said so by name, as it is imported elsewhere. */
function isClientFile(json: unknown): boolean {
  return typeof json === 'object' && json !== null && Reflect.get(json, 'format') === clientFileFormat;
}

/** Every key of T present, optional ones possibly undefined: a field added to the model fails to compile here. */
type Listed<T> = { [K in keyof Required<T>]: T[K] };

/**
 * A copy of the meta with exactly the model's fields: anything else a store may have attached would make the strict
 * import refuse the whole backup. Undefined fields vanish in JSON.stringify.
 */
function backupMeta(meta: SessionMeta): Listed<SessionMeta> {
  return {
    id: meta.id,
    kind: meta.kind,
    status: meta.status,
    startedAtWallMs: meta.startedAtWallMs,
    endedAtWallMs: meta.endedAtWallMs,
    runnerId: meta.runnerId,
    runnerName: meta.runnerName,
    group:
      meta.group &&
      ({
        groupId: meta.group.groupId,
        size: meta.group.size,
        place: meta.group.place,
      } satisfies Listed<SessionGroupRef>),
    strap:
      meta.strap &&
      ({
        name: meta.strap.name,
        bodySensorLocation: meta.strap.bodySensorLocation,
      } satisfies Listed<SessionStrap>),
    plan:
      meta.plan &&
      ({
        planId: meta.plan.planId,
        name: meta.plan.name,
        courseWeek: meta.plan.courseWeek,
        courseRun: meta.plan.courseRun,
      } satisfies Listed<SessionPlanRef>),
    zone:
      meta.zone &&
      ({
        lowBpm: meta.zone.lowBpm,
        highBpm: meta.zone.highBpm,
        method: meta.zone.method,
        graceMs: meta.zone.graceMs,
      } satisfies Listed<SessionZone>),
    before: meta.before && mood(meta.before),
    after: meta.after && mood(meta.after),
    exertion: meta.exertion,
    notes: meta.notes,
    events: meta.events.map(
      (event) =>
        ({
          type: event.type,
          elapsedMs: event.elapsedMs,
          detail: event.detail,
        }) satisfies Listed<SessionEvent>,
    ),
    summary: meta.summary && backupSummary(meta.summary),
  };
}

function mood(report: MoodReport): Listed<MoodReport> {
  return { feeling: report.feeling, arousal: report.arousal };
}

function backupSummary(summary: SessionSummary): Listed<SessionSummary> {
  return {
    durationMs: summary.durationMs,
    activeMs: summary.activeMs,
    averageHeartRateBpm: summary.averageHeartRateBpm,
    maxHeartRateBpm: summary.maxHeartRateBpm,
    timeInZoneMs: summary.timeInZoneMs && {
      below: summary.timeInZoneMs.below,
      inZone: summary.timeInZoneMs.inZone,
      above: summary.timeInZoneMs.above,
    },
    beatCount: summary.beatCount,
    rmssdMs: summary.rmssdMs,
    artifactPct: summary.artifactPct,
    timeDomain:
      summary.timeDomain &&
      ({
        sdnnMs: summary.timeDomain.sdnnMs,
        pnn50Pct: summary.timeDomain.pnn50Pct,
        sd1Ms: summary.timeDomain.sd1Ms,
        sd2Ms: summary.timeDomain.sd2Ms,
        meanRrMs: summary.timeDomain.meanRrMs,
      } satisfies Listed<SummaryTimeDomain>),
    frequencyDomain:
      summary.frequencyDomain &&
      ({
        vlfMs2: summary.frequencyDomain.vlfMs2,
        lfMs2: summary.frequencyDomain.lfMs2,
        hfMs2: summary.frequencyDomain.hfMs2,
        lfHfRatio: summary.frequencyDomain.lfHfRatio,
        lfNu: summary.frequencyDomain.lfNu,
        hfNu: summary.frequencyDomain.hfNu,
        lfPeakHz: summary.frequencyDomain.lfPeakHz,
        hfPeakHz: summary.frequencyDomain.hfPeakHz,
      } satisfies Listed<SummaryFrequencyDomain>),
    restingCheck:
      summary.restingCheck &&
      ({
        plannedMinutes: summary.restingCheck.plannedMinutes,
        pacedBreathing: summary.restingCheck.pacedBreathing,
        breathingRatePerMinute: summary.restingCheck.breathingRatePerMinute,
        refusal: summary.restingCheck.refusal,
      } satisfies Listed<RestingCheckSummary>),
    dfaAlpha1Timeline: summary.dfaAlpha1Timeline?.map((point) => ({
      elapsedMs: point.elapsedMs,
      alpha1: point.alpha1,
    })),
    coherenceTimeline: summary.coherenceTimeline?.map((point) => ({
      elapsedMs: point.elapsedMs,
      ratio: point.ratio,
    })),
    meanCoherence: summary.meanCoherence,
  };
}

function refuse(refusal: ImportRefusal): Refusal {
  return { ok: false, refusal };
}
