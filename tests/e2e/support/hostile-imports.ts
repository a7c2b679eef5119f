import { CrcCalculator, Encoder, type FileIdMesg, type RecordMesg } from '@garmin/fitsdk';
import { fitMesgNum } from '../../../src/adapters/files/fit-mesg-num';
import type { ImportRefusal } from '../../../src/adapters/files/import-refusal';
import type { SessionWithSamples } from '../../../src/adapters/files/session-with-samples';
import { garminLikeFit, withFixedCrc } from '../../unit/adapters/files/support/garmin-like-fit';
import { seededRandom } from '../../unit/core/session/support/simulated-run';
import { backupFileOf, fitFileOf, syntheticRun } from './synthetic-sessions';

/**
 * A corpus of malformed, truncated, oversized and hostile files for the import (History, "Import a file"): JSON
 * backups (src/adapters/files/backup.ts, session-schema.ts) and FIT files (fit-import.ts). Every case names the
 * refusal it must get; none may be imported, in part or whole. Files are made in code when asked for (the largest
 * is 100 MB), from a valid backup and a valid FIT file of the same short run, so each case differs from a good
 * file in the one way it names.
 *
 * Used by tests/unit/adapters/files/hostile-imports.test.ts (fake-indexeddb) and tests/e2e/import-corpus.e2e.ts
 * (the real History screen in Chromium).
 */

export type HostileCategory =
  | 'not a backup'
  | 'backup version'
  | 'wrong types'
  | 'prototype keys'
  | 'values out of range'
  | 'duplicated ids'
  | 'size and nesting'
  | 'FIT container'
  | 'FIT content'
  | 'FIT size';

/** A refusal as the case expects it: the code and its numbers; `detail` (technical words) is matched apart. */
export type ExpectedRefusal = ImportRefusal extends infer Refusal
  ? Refusal extends ImportRefusal
    ? Omit<Refusal, 'detail'>
    : never
  : never;

export interface HostileImport {
  /** The expected refusal code, then what is wrong with the file. */
  name: string;
  category: HostileCategory;
  fileName: string;
  mimeType: string;
  refusal: ExpectedRefusal;
  /** For refusals with a detail (a schema path, a decoder error): what it must say. */
  detail?: RegExp;
  /** The file, made when asked for. */
  bytes: () => Uint8Array;
}

const jsonType = 'application/json';
const fitType = 'application/vnd.ant.fit';

/** The seeded sessions a profile holds before the corpus is fed to it (imported from their own backup). */
export function storedBeforeCorpus(): SessionWithSamples[] {
  const day = 24 * 3600_000;
  const firstStart = Date.UTC(2026, 0, 5, 7, 30);
  return [
    syntheticRun({ id: 'kept-run-1', startedAtWallMs: firstStart, durationS: 300, notes: 'First run' }),
    syntheticRun({ id: 'kept-run-2', startedAtWallMs: firstStart + day, durationS: 420, bpm: 132 }),
  ];
}

/** The run every case starts from; its id is not in the store, so a case that slipped through would add it. */
const corpusRun = () =>
  syntheticRun({ id: 'corpus-run', startedAtWallMs: Date.UTC(2026, 1, 2, 7), durationS: 60 });

const text = (value: string): Uint8Array => new TextEncoder().encode(value);
const validBackupText = (): string => backupFileOf([corpusRun()]).toString('utf8');

type Json = Record<string, unknown>;

/** The valid backup as an object, changed by `change`, as JSON. */
function backupWith(change: (backup: Json, session: Json, meta: Json, samples: Json) => void): Uint8Array {
  const backup = JSON.parse(validBackupText()) as Json;
  const session = (backup.sessions as Json[])[0] ?? {};
  change(backup, session, session.meta as Json, session.samples as Json);
  return text(JSON.stringify(backup));
}

/** The valid backup's text with one piece of text replaced (for what JSON.stringify cannot write). */
function backupReplacing(find: string | RegExp, replacement: string): Uint8Array {
  const original = validBackupText();
  const changed = original.replace(find, replacement);
  if (changed === original) throw new Error(`the corpus backup has no ${String(find)}`);
  return text(changed);
}

function seededBytes(seed: number, length: number): Uint8Array {
  const random = seededRandom(seed);
  return Uint8Array.from({ length }, () => Math.floor(random() * 256));
}

const fitEpochMs = 631_065_600_000;
const fitSeconds = (wallMs: number): number => Math.round((wallMs - fitEpochMs) / 1000);

/**
 * A FIT file written byte by byte (FIT protocol 2.0, little-endian): a 14-byte header with its CRC, the messages,
 * the file CRC. For files the SDK's encoder would never write: hundreds of thousands of records, undefined local
 * messages.
 */
function rawFit(messages: readonly Uint8Array[]): Uint8Array {
  let dataSize = 0;
  for (const message of messages) dataSize += message.length;
  const bytes = new Uint8Array(14 + dataSize + 2);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, 14);
  view.setUint8(1, 0x20);
  view.setUint16(2, 2132, true);
  view.setUint32(4, dataSize, true);
  bytes.set(text('.FIT'), 8);
  view.setUint16(12, CrcCalculator.calculateCRC(bytes, 0, 12), true);
  let offset = 14;
  for (const message of messages) {
    bytes.set(message, offset);
    offset += message.length;
  }
  view.setUint16(offset, CrcCalculator.calculateCRC(bytes, 0, offset), true);
  return bytes;
}

/** A definition message: local type, global message number, and [field number, size, base type] per field. */
function definition(local: number, mesgNum: number, fields: [number, number, number][]): Uint8Array {
  const bytes = [0x40 | local, 0, 0, mesgNum & 0xff, mesgNum >> 8, fields.length];
  for (const field of fields) bytes.push(...field);
  return Uint8Array.from(bytes);
}

const uint8 = 0x02;
const uint16 = 0x84;
const uint32 = 0x86;
const enumType = 0x00;

function le(value: number, size: number): number[] {
  return Array.from({ length: size }, (_, index) => Math.floor(value / 256 ** index) % 256);
}

const activityStartWallMs = Date.UTC(2026, 1, 3, 6);
const fileIdDefinition = definition(0, fitMesgNum.fileId, [
  [0, 1, enumType],
  [1, 2, uint16],
  [4, 4, uint32],
]);
// file_id: activity (4), manufacturer development (255), time_created.
const fileIdMessage = Uint8Array.from([0, 4, ...le(255, 2), ...le(fitSeconds(activityStartWallMs), 4)]);
const recordDefinition = definition(1, fitMesgNum.record, [
  [253, 4, uint32],
  [3, 1, uint8],
]);
const recordMessage = (wallMs: number, heartRateBpm: number): Uint8Array =>
  Uint8Array.from([1, ...le(fitSeconds(wallMs), 4), heartRateBpm]);
// hrv: time, five uint16 values in ms.
const hrvDefinition = definition(2, fitMesgNum.hrv, [[0, 10, uint16]]);
const hrvMessage = Uint8Array.from([2, ...[500, 510, 505, 495, 500].flatMap((ms) => le(ms, 2))]);

/** One message repeated `count` times, as one block (rawFit takes a few large blocks faster than many small). */
function repeated(message: Uint8Array, count: number): Uint8Array {
  const block = new Uint8Array(message.length * count);
  for (let index = 0; index < count; index++) block.set(message, index * message.length);
  return block;
}

/** Records at these wall times with a heart rate, through the SDK's encoder. */
function encodedRecords(wallTimesMs: readonly number[], options: { fileType?: FileIdMesg['type'] } = {}) {
  const encoder = new Encoder();
  const fileId: FileIdMesg = {
    type: options.fileType ?? 'activity',
    manufacturer: 'development',
    product: 7,
  };
  encoder.onMesg(fitMesgNum.fileId, fileId);
  for (const wallMs of wallTimesMs) {
    const record: RecordMesg = { timestamp: fitSeconds(wallMs), heartRate: 120 };
    encoder.onMesg(fitMesgNum.record, record);
  }
  return encoder.close();
}

const validFit = (): Uint8Array => new Uint8Array(fitFileOf(corpusRun()));

/** The good files the cases are made from, which the import takes: each case fails for the reason it names. */
export function corpusOriginals(): { fileName: string; bytes: Uint8Array }[] {
  return [
    { fileName: 'calm-run-backup.json', bytes: text(validBackupText()) },
    { fileName: 'activity.fit', bytes: validFit() },
    { fileName: 'garmin.fit', bytes: garminLikeFit().bytes },
    { fileName: 'records.fit', bytes: encodedRecords([activityStartWallMs, activityStartWallMs + 1000]) },
    {
      fileName: 'raw.fit',
      bytes: rawFit([
        fileIdDefinition,
        fileIdMessage,
        recordDefinition,
        recordMessage(activityStartWallMs, 130),
        hrvDefinition,
        hrvMessage,
      ]),
    },
  ];
}

function withByte(bytes: Uint8Array, at: number, change: (byte: number) => number): Uint8Array {
  const changed = bytes.slice();
  const index = at < 0 ? changed.length + at : at;
  changed[index] = change(changed[index] ?? 0) & 0xff;
  return changed;
}

const megabyte = 1024 * 1024;

/** A file of `megabytes` MB that starts with a valid FIT header, then zeros. */
function hugeFit(megabytes: number): Uint8Array {
  const bytes = new Uint8Array(megabytes * megabyte);
  bytes.set(validFit().subarray(0, 14));
  return bytes;
}

const backupCase = (
  category: HostileCategory,
  what: string,
  refusal: ExpectedRefusal,
  bytes: () => Uint8Array,
  detail?: RegExp,
): HostileImport => ({
  name: `${refusal.code}: ${what}`,
  category,
  fileName: 'calm-run-backup.json',
  mimeType: jsonType,
  refusal,
  ...(detail && { detail }),
  bytes,
});

const fitCase = (
  category: HostileCategory,
  what: string,
  refusal: ExpectedRefusal,
  bytes: () => Uint8Array,
  detail?: RegExp,
): HostileImport => ({
  name: `${refusal.code}: ${what}`,
  category,
  fileName: 'activity.fit',
  mimeType: fitType,
  refusal,
  ...(detail && { detail }),
  bytes,
});

/** A backup refused as damaged, at this schema path (sessions.0.meta.…). */
const damaged = (category: HostileCategory, what: string, bytes: () => Uint8Array, path: RegExp) =>
  backupCase(category, what, { code: 'backup-damaged' }, bytes, path);

export function hostileImports(): HostileImport[] {
  return [
    // Not a backup at all.
    backupCase('not a backup', 'an empty file', { code: 'backup-empty' }, () => new Uint8Array(0)),
    backupCase('not a backup', 'only spaces and line breaks', { code: 'backup-empty' }, () =>
      text(' \n\t\r\n  '),
    ),
    backupCase('not a backup', 'plain text', { code: 'backup-not-json' }, () => text('my runs, week 3')),
    backupCase('not a backup', 'a backup cut off halfway', { code: 'backup-not-json' }, () => {
      const whole = text(validBackupText());
      return whole.slice(0, Math.floor(whole.length / 2));
    }),
    backupCase('not a backup', 'NaN written as a value', { code: 'backup-not-json' }, () =>
      backupReplacing(/"startedAtWallMs":\d+/u, '"startedAtWallMs":NaN'),
    ),
    backupCase('not a backup', 'Infinity written as a value', { code: 'backup-not-json' }, () =>
      backupReplacing(/"heartRateBpm":\[\d+/u, '"heartRateBpm":[Infinity'),
    ),
    backupCase('not a backup', 'random bytes', { code: 'backup-not-text' }, () => seededBytes(7, 4096)),
    backupCase('not a backup', 'a backup saved as UTF-16', { code: 'backup-not-text' }, () => {
      const source = validBackupText();
      const bytes = new Uint8Array(2 + source.length * 2);
      bytes.set([0xff, 0xfe]);
      for (let index = 0; index < source.length; index++) bytes[2 + 2 * index] = source.charCodeAt(index);
      return bytes;
    }),
    backupCase('not a backup', 'a byte that is not UTF-8 in the notes', { code: 'backup-not-text' }, () => {
      const bytes = backupReplacing('"notes":""', '"notes":"Easy run ?"');
      bytes[new TextDecoder().decode(bytes).indexOf('run ?') + 4] = 0xff;
      return bytes;
    }),
    backupCase('not a backup', 'a second document after the backup', { code: 'backup-not-json' }, () =>
      text(`${validBackupText()}{"format":"calm-run-backup"}`),
    ),
    backupCase('not a backup', 'JSON with comments', { code: 'backup-not-json' }, () =>
      text(`// my backup\n${validBackupText()}`),
    ),
    backupCase('not a backup', 'a JSON list', { code: 'backup-not-calm-run' }, () => text('[1,2,3]')),
    backupCase('not a backup', 'JSON null', { code: 'backup-not-calm-run' }, () => text('null')),
    backupCase('not a backup', 'a JSON number', { code: 'backup-not-calm-run' }, () => text('42')),
    backupCase('not a backup', 'another app’s format', { code: 'backup-not-calm-run' }, () =>
      backupWith((backup) => (backup.format = 'strava-export')),
    ),
    backupCase(
      'not a backup',
      'a client file (imported on the profile or the client’s page)',
      { code: 'backup-is-client-file' },
      () => backupWith((backup) => (backup.format = 'calm-run-client')),
    ),
    backupCase('not a backup', 'the format name in other capitals', { code: 'backup-not-calm-run' }, () =>
      backupWith((backup) => (backup.format = 'Calm-Run-Backup')),
    ),

    // The version.
    backupCase('backup version', 'no version', { code: 'backup-no-version' }, () =>
      backupWith((backup) => delete backup.version),
    ),
    backupCase('backup version', 'the version as text', { code: 'backup-no-version' }, () =>
      backupWith((backup) => (backup.version = '1')),
    ),
    backupCase('backup version', 'a fractional version', { code: 'backup-no-version' }, () =>
      backupWith((backup) => (backup.version = 1.5)),
    ),
    backupCase('backup version', 'version 0', { code: 'backup-no-version' }, () =>
      backupWith((backup) => (backup.version = 0)),
    ),
    backupCase(
      'backup version',
      'a version of 1e999 (Infinity once parsed)',
      { code: 'backup-no-version' },
      () => backupReplacing('"version":1', '"version":1e999'),
    ),
    backupCase('backup version', 'a newer version', { code: 'backup-newer-version', version: 2 }, () =>
      backupWith((backup) => (backup.version = 2)),
    ),
    backupCase(
      'backup version',
      'a version beyond exact integers',
      { code: 'backup-newer-version', version: 2 ** 53 },
      () => backupReplacing('"version":1', '"version":9007199254740993'),
    ),

    // Wrong types.
    damaged(
      'wrong types',
      'sessions as an object',
      () => backupWith((backup) => (backup.sessions = {})),
      /^sessions:/u,
    ),
    damaged(
      'wrong types',
      'no sessions',
      () => backupWith((backup) => delete backup.sessions),
      /^sessions:/u,
    ),
    damaged(
      'wrong types',
      'a session whose meta is null',
      () => backupWith((_, session) => (session.meta = null)),
      /^sessions\.0\.meta:/u,
    ),
    damaged(
      'wrong types',
      'a heart rate as text',
      () => backupWith((_b, _s, _m, samples) => ((samples.heartRateBpm as unknown[])[3] = '140')),
      /^sessions\.0\.samples\.heartRateBpm:/u,
    ),
    damaged(
      'wrong types',
      'an export time that is not a time',
      () => backupWith((backup) => (backup.exportedAt = 'yesterday')),
      /^exportedAt:/u,
    ),
    damaged(
      'wrong types',
      'a key the format does not have',
      () => backupWith((backup) => (backup.extra = true)),
      /^extra:/u,
    ),
    damaged(
      'wrong types',
      'an unknown session kind',
      () => backupWith((_b, _s, meta) => (meta.kind = 'swim')),
      /^sessions\.0\.meta\.kind:/u,
    ),
    damaged(
      'wrong types',
      'an unknown event',
      () => backupWith((_b, _s, meta) => ((meta.events as Json[])[1] = { type: 'teleported', elapsedMs: 5 })),
      /^sessions\.0\.meta\.events\.1\.type:/u,
    ),
    damaged(
      'wrong types',
      'a contact code that means nothing',
      () => backupWith((_b, _s, _m, samples) => ((samples.contact as unknown[])[0] = 3)),
      /^sessions\.0\.samples\.contact:/u,
    ),

    // Prototype keys: the strict schemas refuse any key they do not know, these included.
    damaged(
      'prototype keys',
      '"__proto__" at the top',
      () => backupReplacing('{"format"', '{"__proto__":{"polluted":true},"format"'),
      /^__proto__:/u,
    ),
    damaged(
      'prototype keys',
      '"__proto__" in a session’s record',
      () => backupReplacing('"id":"corpus-run"', '"id":"corpus-run","__proto__":{"polluted":true}'),
      /^sessions\.0\.meta\.__proto__:/u,
    ),
    damaged(
      'prototype keys',
      '"__proto__" in the strap',
      () => backupReplacing('"strap":{', '"strap":{"__proto__":{"isAdmin":true},'),
      /^sessions\.0\.meta\.strap\.__proto__:/u,
    ),
    damaged(
      'prototype keys',
      '"constructor" in the samples',
      () => backupReplacing('"samples":{', '"samples":{"constructor":{"prototype":{"polluted":true}},'),
      /^sessions\.0\.samples\.constructor:/u,
    ),
    damaged(
      'prototype keys',
      'a key that is HTML',
      () => backupReplacing('"notes":""', '"notes":"","<img src=x onerror=alert(1)>":1'),
      /^sessions\.0\.meta\.<img src=x onerror=alert\(1\)>:/u,
    ),
    damaged(
      'prototype keys',
      'a key of 100,000 characters',
      () => backupReplacing('"notes":""', `"notes":"","${'k'.repeat(100_000)}":1`),
      /^sessions\.0\.meta\.k{100}.{0,200}$/u,
    ),
    damaged(
      'prototype keys',
      '"prototype" in a session',
      () => backupReplacing('{"meta":', '{"prototype":{"polluted":true},"meta":'),
      /^sessions\.0\.prototype:/u,
    ),

    // Values out of range.
    damaged(
      'values out of range',
      'a start in 1970 (a clock never set)',
      () => backupWith((_b, _s, meta) => (meta.startedAtWallMs = 0)),
      /^sessions\.0\.meta\.startedAtWallMs:/u,
    ),
    damaged(
      'values out of range',
      'a start in the year 2300',
      () => backupWith((_b, _s, meta) => (meta.startedAtWallMs = Date.UTC(2300, 0, 1))),
      /^sessions\.0\.meta\.startedAtWallMs:/u,
    ),
    damaged(
      'values out of range',
      'a start of 1e999 (Infinity once parsed)',
      () => backupReplacing(/"startedAtWallMs":\d+/u, '"startedAtWallMs":1e999'),
      /^sessions\.0\.meta\.startedAtWallMs:/u,
    ),
    damaged(
      'values out of range',
      'an end before the start',
      () => backupWith((_b, _s, meta) => (meta.endedAtWallMs = (meta.startedAtWallMs as number) - 1000)),
      /^sessions\.0\.meta: The session ends before it starts/u,
    ),
    damaged(
      'values out of range',
      'a negative sample time',
      () => backupWith((_b, _s, _m, samples) => ((samples.elapsedMs as number[])[0] = -1000)),
      /^sessions\.0\.samples\.elapsedMs:/u,
    ),
    damaged(
      'values out of range',
      'sample times that go backwards',
      () => backupWith((_b, _s, _m, samples) => ((samples.elapsedMs as number[])[10] = 1)),
      /^sessions\.0\.samples: The sample times go backwards/u,
    ),
    damaged(
      'values out of range',
      'a sample more than a week in',
      () => backupWith((_b, _s, _m, samples) => (samples.elapsedMs as number[]).push(8 * 24 * 3600_000)),
      /^sessions\.0\.samples\.elapsedMs:/u,
    ),
    damaged(
      'values out of range',
      'a heart rate of 301 bpm',
      () => backupWith((_b, _s, _m, samples) => ((samples.heartRateBpm as number[])[5] = 301)),
      /^sessions\.0\.samples\.heartRateBpm:/u,
    ),
    damaged(
      'values out of range',
      'an RR interval of 0',
      () => backupWith((_b, _s, _m, samples) => ((samples.rr1024 as number[])[0] = 0)),
      /^sessions\.0\.samples\.rr1024:/u,
    ),
    damaged(
      'values out of range',
      'an RR interval past 16 bits',
      () => backupWith((_b, _s, _m, samples) => ((samples.rr1024 as number[])[0] = 65_536)),
      /^sessions\.0\.samples\.rr1024:/u,
    ),
    damaged(
      'values out of range',
      'RR counts that do not add up',
      () => backupWith((_b, _s, _m, samples) => ((samples.rrCount as number[])[0] = 40)),
      /^sessions\.0\.samples: The RR counts do not add up/u,
    ),
    damaged(
      'values out of range',
      'sample lists of different lengths',
      () => backupWith((_b, _s, _m, samples) => (samples.contact as number[]).pop()),
      /^sessions\.0\.samples: The sample lists have different lengths/u,
    ),
    damaged(
      'values out of range',
      'a zone that ends below where it starts',
      () => backupWith((_b, _s, meta) => (meta.zone = { lowBpm: 150, highBpm: 120, method: 'fixed' })),
      /^sessions\.0\.meta\.zone: The zone ends below where it starts/u,
    ),
    damaged(
      'values out of range',
      'an id that climbs out of its folder',
      () => backupWith((_b, _s, meta) => (meta.id = '../../etc/passwd')),
      /^sessions\.0\.meta\.id:/u,
    ),
    damaged(
      'values out of range',
      'an empty id',
      () => backupWith((_b, _s, meta) => (meta.id = '')),
      /^sessions\.0\.meta\.id:/u,
    ),
    damaged(
      'values out of range',
      'notes of 100,001 characters',
      () => backupWith((_b, _s, meta) => (meta.notes = 'x'.repeat(100_001))),
      /^sessions\.0\.meta\.notes:/u,
    ),
    damaged(
      'values out of range',
      'a summary RMSSD of -1 ms',
      () =>
        backupWith(
          (_b, _s, meta) =>
            (meta.summary = { durationMs: 60_000, activeMs: 60_000, beatCount: 1, rmssdMs: -1 }),
        ),
      /^sessions\.0\.meta\.summary\.rmssdMs:/u,
    ),

    // Duplicated ids.
    backupCase('duplicated ids', 'the same session twice', { code: 'backup-duplicate-session' }, () =>
      backupWith((backup, session) => (backup.sessions = [session, session])),
    ),
    backupCase(
      'duplicated ids',
      'two different sessions under one id',
      { code: 'backup-duplicate-session' },
      () =>
        backupWith((backup, session) => {
          const other = structuredClone(session);
          (other.meta as Json).notes = 'Another run';
          backup.sessions = [session, other];
        }),
    ),

    // Size and nesting.
    backupCase('size and nesting', '100,000 nested lists', { code: 'backup-too-deep' }, () =>
      text('['.repeat(100_000) + ']'.repeat(100_000)),
    ),
    backupCase(
      'size and nesting',
      'a backup with 40 nested objects in a session',
      { code: 'backup-too-deep' },
      () => backupReplacing('"notes":""', `"notes":"","deep":${'{"a":'.repeat(40)}1${'}'.repeat(40)}`),
    ),
    backupCase(
      'size and nesting',
      'a 99 MB list of 33 million empty objects',
      { code: 'backup-too-many-entries', maxEntries: 2_000_000 },
      () => text(`[${'{},'.repeat(33_000_000 - 1)}{}]`),
    ),
    backupCase(
      'size and nesting',
      'a backup whose sessions are 2,000,001 empty lists',
      { code: 'backup-too-many-entries', maxEntries: 2_000_000 },
      () => backupReplacing(/"sessions":\[.*\]\}$/u, `"sessions":[${'[],'.repeat(2_000_000)}[]]}`),
    ),
    damaged(
      'size and nesting',
      'a 40 MB backup whose sessions are 20 million zeros',
      () => backupReplacing(/"sessions":\[.*\]\}$/u, `"sessions":[${'0,'.repeat(20_000_000)}0]}`),
      /^sessions\.0:/u,
    ),
    damaged(
      'size and nesting',
      'a session of 1,000,001 RR intervals',
      () => backupWith((_b, _s, _m, samples) => (samples.rr1024 = new Array<number>(1_000_001).fill(600))),
      /^sessions\.0\.samples\.rr1024:/u,
    ),
    damaged(
      'size and nesting',
      'a session of 500,001 samples',
      () =>
        backupWith((_b, _s, _m, samples) => {
          const count = 500_001;
          samples.elapsedMs = Array.from({ length: count }, (_, index) => index * 1000);
          samples.heartRateBpm = new Array<number>(count).fill(120);
          samples.contact = new Array<number>(count).fill(2);
          samples.rrCount = new Array<number>(count).fill(0);
          samples.rr1024 = [];
        }),
      /^sessions\.0\.samples\.elapsedMs:/u,
    ),
    damaged(
      'size and nesting',
      '20,001 sessions',
      () =>
        backupWith((backup, session) => {
          const meta = session.meta as Json;
          const bare = { elapsedMs: [], heartRateBpm: [], contact: [], rrCount: [], rr1024: [] };
          backup.sessions = Array.from({ length: 20_001 }, (_, index) => ({
            meta: { ...meta, id: `many-${index}`, summary: undefined, events: [] },
            samples: bare,
          }));
        }),
      /^sessions:/u,
    ),
    backupCase('size and nesting', 'a 100 MB backup', { code: 'file-too-large', maxMegabytes: 100 }, () =>
      new Uint8Array(100 * megabyte).fill(0x5b),
    ),

    // FIT: the container.
    fitCase('FIT container', 'a FIT header cut after 8 bytes', { code: 'fit-not-fit' }, () =>
      validFit().slice(0, 8),
    ),
    fitCase('FIT container', 'random bytes', { code: 'fit-not-fit' }, () => seededBytes(11, 2048)),
    fitCase('FIT container', 'a header that spells ".FTI"', { code: 'fit-not-fit' }, () =>
      withByte(
        withByte(validFit(), 10, () => 0x54),
        11,
        () => 0x49,
      ),
    ),
    fitCase('FIT container', 'a JSON backup named .fit', { code: 'fit-not-fit' }, () =>
      text(validBackupText()),
    ),
    fitCase('FIT container', 'a wrong header checksum', { code: 'fit-damaged' }, () =>
      withByte(validFit(), 12, (byte) => byte ^ 0xff),
    ),
    fitCase('FIT container', 'a wrong file checksum', { code: 'fit-damaged' }, () =>
      withByte(validFit(), -1, (byte) => byte ^ 0xff),
    ),
    fitCase('FIT container', 'a file cut at 60 %', { code: 'fit-damaged' }, () => {
      const whole = validFit();
      return whole.slice(0, Math.floor(whole.length * 0.6));
    }),
    fitCase('FIT container', 'one byte changed in the middle', { code: 'fit-damaged' }, () => {
      const whole = validFit();
      return withByte(whole, Math.floor(whole.length / 2), (byte) => byte ^ 0x40);
    }),
    fitCase('FIT container', 'a header that claims 4 GB of data', { code: 'fit-damaged' }, () => {
      const bytes = validFit();
      new DataView(bytes.buffer).setUint32(4, 0xffffffff, true);
      new DataView(bytes.buffer).setUint16(12, CrcCalculator.calculateCRC(bytes, 0, 12), true);
      return bytes;
    }),
    fitCase('FIT container', 'only a header', { code: 'fit-damaged' }, () => validFit().slice(0, 14)),
    fitCase('FIT container', 'a header cut before its checksum', { code: 'fit-damaged' }, () =>
      validFit().slice(0, 12),
    ),
    fitCase(
      'FIT container',
      'a file cut inside a message, its checksums made to match',
      { code: 'fit-incomplete' },
      () => {
        const whole = validFit();
        return withFixedCrc(whole, whole.length - 16 - 3);
      },
      /./u,
    ),
    fitCase(
      'FIT container',
      'a data message of a local type never defined',
      { code: 'fit-incomplete' },
      () => rawFit([fileIdDefinition, fileIdMessage, Uint8Array.from([7, 1, 2, 3, 4])]),
      /./u,
    ),
    fitCase(
      'FIT container',
      'a field of an unknown base type',
      { code: 'fit-incomplete' },
      () => rawFit([definition(1, fitMesgNum.record, [[3, 1, 0x77]]), Uint8Array.from([1, 140])]),
      /./u,
    ),

    // FIT: the content.
    fitCase(
      'FIT content',
      'a settings file, not an activity',
      { code: 'fit-not-activity', fileType: 'settings' },
      () => encodedRecords([activityStartWallMs], { fileType: 'settings' }),
    ),
    fitCase('FIT content', 'an activity without records', { code: 'fit-no-points' }, () =>
      rawFit([fileIdDefinition, fileIdMessage]),
    ),
    fitCase('FIT content', 'records whose times are all invalid', { code: 'fit-no-points' }, () =>
      rawFit([
        fileIdDefinition,
        fileIdMessage,
        recordDefinition,
        ...Array.from({ length: 5 }, () => Uint8Array.from([1, 0xff, 0xff, 0xff, 0xff, 130])),
      ]),
    ),
    fitCase(
      'FIT content',
      'records without a heart rate or beats',
      { code: 'fit-no-heart-rate' },
      () => garminLikeFit({ heartRate: false, hrv: false }).bytes,
    ),
    fitCase('FIT content', 'a clock never set (1990)', { code: 'fit-bad-times' }, () =>
      encodedRecords([fitEpochMs + 1000, fitEpochMs + 2000]),
    ),
    fitCase(
      'FIT content',
      'records eight days apart',
      { code: 'fit-values-out-of-range' },
      () => encodedRecords([activityStartWallMs, activityStartWallMs + 8 * 24 * 3600_000]),
      /elapsedMs/u,
    ),

    // FIT: size.
    fitCase('FIT size', '400,001 records', { code: 'fit-too-many-records', maxRecords: 400_000 }, () =>
      rawFit([
        fileIdDefinition,
        fileIdMessage,
        recordDefinition,
        // Blocks of 1,000 records at one time each; the limit stops the decoder at record 400,001.
        ...Array.from({ length: 401 }, (_, block) =>
          repeated(recordMessage(activityStartWallMs + block * 1000_000, 130), block === 400 ? 1 : 1000),
        ),
      ]),
    ),
    fitCase(
      'FIT size',
      '1,000,005 heartbeats',
      { code: 'fit-too-many-heartbeats', maxHeartbeats: 1_000_000 },
      () =>
        rawFit([
          fileIdDefinition,
          fileIdMessage,
          recordDefinition,
          recordMessage(activityStartWallMs, 130),
          hrvDefinition,
          repeated(hrvMessage, 200_001),
        ]),
    ),
    fitCase('FIT size', 'a 60 MB file', { code: 'fit-too-large', megabytes: 60, maxMegabytes: 50 }, () =>
      hugeFit(60),
    ),
    fitCase('FIT size', 'a 100 MB FIT file', { code: 'file-too-large', maxMegabytes: 100 }, () =>
      hugeFit(100),
    ),
  ];
}
