import * as v from 'valibot';
import type { ClientRecord } from '../../core/clients/client-record';
import type { RunnerProfile } from '../../core/zones/runner-profile';
import type { SessionMeta } from '../../core/session/session-model';
import { clientRecordSchema } from '../storage/client-record-schema';
import { runnerProfileSchema } from '../storage/preferences-store';
import { backupFormat, backupSessionOf } from './backup';
import { fromCompactSamples, type CompactSamples } from './compact-samples';
import { clientFileFormat } from './file-formats';
import { defaultBackupLimits, type BackupLimits } from './file-limits';
import type { ImportRefusal } from './import-refusal';
import { parseJsonText, shortDetail, utf8Text, type JsonTextRefusals } from './json-text';
import { backupSessionSchema } from './session-schema';
import type { Refusal, SessionWithSamples } from './session-with-samples';
import { unknownKeyPath } from './unknown-keys';

export { clientFileFormat };
/** Raised only for a change an older Calm Run could not read correctly; it then refuses the file by name. */
export const clientFileVersion = 1;

/** One client's whole record: who they are, what the therapist keeps about them, and every finished session. */
export interface ClientFile {
  profile: RunnerProfile;
  record: ClientRecord;
  sessions: SessionWithSamples[];
}

/**
 * A client file, the therapist's hand-over to the client and the client's runs back to the therapist:
 * { format: 'calm-run-client', version: 1, exportedAt: ISO time, app: { name, version },
 *   profile: RunnerProfile, client: ClientRecord, sessions: [{ meta: SessionMeta, samples: CompactSamples }] }
 * Sessions are written exactly as a backup writes them; JSON without indentation.
 */
export interface ClientFileDocument {
  format: typeof clientFileFormat;
  version: typeof clientFileVersion;
  exportedAt: string;
  app: { name: string; version: string };
  profile: RunnerProfile;
  client: ClientRecord;
  sessions: { meta: SessionMeta; samples: CompactSamples }[];
}

export type ClientFileParseResult = { ok: true; file: ClientFile } | Refusal;

export interface ClientFileExpectations {
  /** Refuse a file of anyone else: the therapist imports a client's runs on that client's page. */
  runnerId?: string;
}

/**
 * Writes the file. The profile and record go through their schemas first, so a field a store once attached never
 * makes the strict import refuse the file; throws when they do not pass (a caller's bug, never a file's fault).
 */
export function encodeClientFile(file: ClientFile, appVersion: string, now: Date = new Date()): string {
  const document: ClientFileDocument = {
    format: clientFileFormat,
    version: clientFileVersion,
    exportedAt: now.toISOString(),
    app: { name: 'Calm Run', version: appVersion },
    profile: v.parse(runnerProfileSchema, file.profile),
    client: v.parse(clientRecordSchema, file.record),
    sessions: file.sessions.map(backupSessionOf),
  };
  return JSON.stringify(document);
}

const envelopeSchema = v.looseObject({
  format: v.string(),
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
});

const documentSchema = (limits: BackupLimits) =>
  v.strictObject({
    format: v.literal(clientFileFormat),
    version: v.literal(clientFileVersion),
    exportedAt: v.pipe(v.string(), v.maxLength(40), v.isoTimestamp()),
    app: v.strictObject({
      name: v.pipe(v.string(), v.maxLength(100)),
      version: v.pipe(v.string(), v.maxLength(100)),
    }),
    // The profile and record schemas are the stores' own (they leave unknown keys out); strictness is added
    // below by comparing what came in with what they give.
    profile: runnerProfileSchema,
    client: clientRecordSchema,
    sessions: v.pipe(v.array(backupSessionSchema(limits)), v.maxLength(limits.maxSessions)),
  });

/** Reads the file's bytes: UTF-8 throughout (a byte order mark is allowed), then {@link parseClientFile}. */
export function parseClientFileBytes(
  bytes: Uint8Array,
  expectations: ClientFileExpectations = {},
  limits: BackupLimits = defaultBackupLimits,
): ClientFileParseResult {
  const text = utf8Text(bytes);
  return text === undefined
    ? refuse(clientFileTextRefusals.notText)
    : parseClientFile(text, expectations, limits);
}

/**
 * Reads a client file, all or nothing, within the backup's limits: measured and scanned for absurd nesting before
 * it is parsed, then checked whole (strict schemas, no unknown keys anywhere, every session of the client, each
 * once, each finished) before anything is handed out. Never throws.
 */
export function parseClientFile(
  text: string,
  expectations: ClientFileExpectations = {},
  limits: BackupLimits = defaultBackupLimits,
): ClientFileParseResult {
  try {
    return readClientFile(text, expectations, limits);
  } catch (error) {
    // Nothing above should throw; the last guard so a strange file can never break the screen that imports it.
    return refuse({
      code: 'client-file-unreadable',
      detail: error instanceof Error ? error.message : String(error),
    });
  }
}

const clientFileTextRefusals: JsonTextRefusals = {
  notText: { code: 'client-file-not-text' },
  tooLarge: (maxMegabytes) => ({ code: 'client-file-too-large', maxMegabytes }),
  // An empty file is the same nothing whatever it was meant to be.
  empty: { code: 'backup-empty' },
  tooDeep: { code: 'client-file-too-deep' },
  tooManyEntries: (maxEntries) => ({ code: 'client-file-too-many-entries', maxEntries }),
  notJson: { code: 'client-file-not-json' },
};

function readClientFile(
  text: string,
  expectations: ClientFileExpectations,
  limits: BackupLimits,
): ClientFileParseResult {
  const read = parseJsonText(text, limits, clientFileTextRefusals);
  if (!read.ok) return read;
  const json = read.json;

  const envelope = v.safeParse(envelopeSchema, json);
  if (!envelope.success) return refuse({ code: 'client-file-not-client-file' });
  if (envelope.output.format === backupFormat) return refuse({ code: 'client-file-is-backup' });
  if (envelope.output.format !== clientFileFormat) return refuse({ code: 'client-file-not-client-file' });
  if (envelope.output.version > clientFileVersion) {
    return refuse({ code: 'client-file-newer-version', version: envelope.output.version });
  }

  const parsed = v.safeParse(documentSchema(limits), json, { abortEarly: true });
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = v.getDotPath(issue);
    return damaged(`${path ? `${path}: ` : ''}${issue.message}`);
  }
  const document = parsed.output;
  const input = json as { profile: unknown; client: unknown };
  const unknownKey =
    prefixed('profile', unknownKeyPath(input.profile, document.profile)) ??
    prefixed('client', unknownKeyPath(input.client, document.client));
  if (unknownKey !== undefined) return damaged(`${unknownKey}: Unknown key`);

  const runnerId = document.profile.id;
  if (document.client.runnerId !== runnerId) return refuse({ code: 'client-file-ids-differ' });
  if (expectations.runnerId !== undefined && expectations.runnerId !== runnerId) {
    return refuse({ code: 'client-file-other-client' });
  }
  const seen = new Set<string>();
  for (const { meta } of document.sessions) {
    if (meta.runnerId !== runnerId) return refuse({ code: 'client-file-other-runner', detail: meta.id });
    if (seen.has(meta.id)) return refuse({ code: 'client-file-duplicate-session' });
    seen.add(meta.id);
    if (meta.status !== 'finished') return refuse({ code: 'client-file-unfinished-session' });
  }
  return {
    ok: true,
    file: {
      profile: document.profile,
      record: document.client,
      sessions: document.sessions.map(({ meta, samples }) => ({
        meta,
        samples: fromCompactSamples(samples),
      })),
    },
  };
}

function prefixed(prefix: string, path: string | undefined): string | undefined {
  return path === undefined ? undefined : `${prefix}.${path}`;
}

function damaged(detail: string): Refusal {
  return refuse({ code: 'client-file-damaged', detail: shortDetail(detail) });
}

function refuse(refusal: ImportRefusal): Refusal {
  return { ok: false, refusal };
}
