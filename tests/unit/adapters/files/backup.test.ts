import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  exportBackup,
  parseBackup,
  parseBackupBytes,
  type BackupDocument,
} from '../../../../src/adapters/files/backup';
import { defaultBackupLimits, type BackupLimits } from '../../../../src/adapters/files/file-limits';
import type { ImportRefusal } from '../../../../src/adapters/files/import-refusal';
import type { SessionWithSamples } from '../../../../src/adapters/files/session-with-samples';
import type { SessionMeta, SessionSample } from '../../../../src/core/session/session-model';
import { decodeHeartRateMeasurement, toStrapMeasurement } from '../../../../src/core/ble';
import { createRecorder, recordSession } from '../../../../src/core/session';
import { restingCheckSession, sampleRun, tinySession } from './support/sample-session';

const exportedAt = new Date(Date.UTC(2026, 11, 1, 12, 0, 0));

function parsed(text: string, limits?: BackupLimits): SessionWithSamples[] {
  const result = parseBackup(text, limits);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.refusal)}`);
  return result.sessions;
}

function refusal(text: string, limits?: BackupLimits): ImportRefusal {
  const result = parseBackup(text, limits);
  if (result.ok) throw new Error('expected the backup to be refused');
  return result.refusal;
}

/** A backup refused as damaged, with the schema's words (path and issue) as the detail. */
function damaged(detail: RegExp): ImportRefusal {
  return { code: 'backup-damaged', detail: expect.stringMatching(detail) as string };
}

/** A valid backup as a plain object, for the tests to break in one place at a time. */
function document(): BackupDocument {
  return JSON.parse(exportBackup([tinySession(), sampleRun()], '0.1.0', exportedAt)) as BackupDocument;
}

function broken(change: (doc: Record<string, unknown> & BackupDocument) => void): string {
  const doc = document() as Record<string, unknown> & BackupDocument;
  change(doc);
  return JSON.stringify(doc);
}

describe('exportBackup and parseBackup', () => {
  it('round-trip every session exactly', () => {
    const sessions = [sampleRun(), tinySession()];
    expect(parsed(exportBackup(sessions, '0.1.0'))).toStrictEqual(sessions);
  });

  it("keep a group run's marker with the runner's place among the tiles", () => {
    const session = tinySession();
    session.meta.group = { groupId: 'group-1', size: 8, place: 3 };
    expect(parsed(exportBackup([session], '0.1.0'))).toStrictEqual([session]);
  });

  it('round-trip a course run, whose plan id is the path of its course plan', () => {
    const run = sampleRun();
    const courseRun = {
      ...run,
      meta: {
        ...run.meta,
        plan: { planId: 'calm-run-12-weeks/week-2/run-3', name: 'Calm run', courseWeek: 2, courseRun: 3 },
      },
    };
    expect(parsed(exportBackup([courseRun], '0.1.0'))).toStrictEqual([courseRun]);
  });

  it('round-trip a resting check with its time domain, spectrum and plan', () => {
    const refused = restingCheckSession();
    refused.meta = {
      ...refused.meta,
      id: 'resting-2',
      summary: {
        ...refused.meta.summary,
        durationMs: 120_000,
        activeMs: 120_000,
        beatCount: 120,
        artifactPct: 12,
        restingCheck: { plannedMinutes: 5, pacedBreathing: false, refusal: 'too-many-artifacts' },
      },
    };
    const sessions = [restingCheckSession(), refused];
    expect(parsed(exportBackup(sessions, '0.1.0'))).toStrictEqual(sessions);
  });

  it('import a backup made before the time domain, spectrum and resting checks were kept', () => {
    const older = sampleRun();
    expect(older.meta.summary?.timeDomain).toBeUndefined();
    expect(older.meta.summary?.frequencyDomain).toBeUndefined();
    expect(older.meta.summary?.restingCheck).toBeUndefined();
    const text = exportBackup([older], '0.1.0');
    expect(text).not.toContain('timeDomain');
    expect(parsed(text)).toStrictEqual([older]);
  });

  it('write the versioned envelope and compact samples', () => {
    const doc = document();
    expect(doc.format).toBe('calm-run-backup');
    expect(doc.version).toBe(1);
    expect(doc.exportedAt).toBe('2026-12-01T12:00:00.000Z');
    expect(doc.app).toEqual({ name: 'Calm Run', version: '0.1.0' });
    expect(doc.sessions[0]?.samples).toEqual({
      elapsedMs: [0, 1000, 2005],
      heartRateBpm: [100, null, 101],
      contact: [2, 1, 0],
      rrCount: [1, 0, 2],
      rr1024: [614, 608, 1024],
    });
  });

  it('stay compact: a third of the size of one JSON object per sample', () => {
    const run = sampleRun();
    const objectPerSample = JSON.stringify(run.samples).length;
    expect(exportBackup([run], '0.1.0').length).toBeLessThan(objectPerSample / 3);
  });

  it('write only the fields of the model, so a store’s extra fields cannot make the backup unreadable', () => {
    const session = tinySession();
    const meta = {
      ...session.meta,
      cachedLabel: 'x',
      strap: { name: 'H10', internalHandle: 7 },
    } as SessionMeta;
    const [back] = parsed(exportBackup([{ meta, samples: session.samples }], '0.1.0'));
    expect(back?.meta).toStrictEqual({ ...session.meta, strap: { name: 'H10' } });
  });

  it('read brackets and quotes inside text as text, not as nesting', () => {
    const session = tinySession();
    session.meta.notes = `${'['.repeat(500)}"\\{${']'.repeat(500)} \u2028 ✓`;
    expect(parsed(exportBackup([session], '0.1.0'))).toStrictEqual([session]);
  });

  it("keep the zone's grace period, and read sessions from before it was kept", () => {
    const old = sampleRun();
    expect(old.meta.zone?.graceMs).toBeUndefined();
    const current = tinySession();
    current.meta.zone = { lowBpm: 120, highBpm: 140, method: 'fixed', graceMs: 20_000 };
    expect(parsed(exportBackup([old, current], '0.1.0'))).toStrictEqual([old, current]);
    const negative = broken((doc) => {
      const zone = doc.sessions[1]?.meta.zone;
      if (zone) zone.graceMs = -1;
    });
    expect(refusal(negative)).toEqual(damaged(/zone\.graceMs/));
  });

  it('read an empty backup', () => {
    expect(parsed(exportBackup([], '0.1.0'))).toEqual([]);
  });
});

describe('parseBackup refuses, with a reason and nothing else', () => {
  const cases: [string, string, ImportRefusal][] = [
    ['an empty file', '', { code: 'backup-empty' }],
    ['text that is not JSON', 'calm run', { code: 'backup-not-json' }],
    ['a truncated backup', exportBackup([sampleRun()], '0.1.0').slice(0, 5000), { code: 'backup-not-json' }],
    ['JSON that is not an object', '[1,2,3]', { code: 'backup-not-calm-run' }],
    ['null', 'null', { code: 'backup-not-calm-run' }],
    [
      'another format',
      broken((doc) => (doc.format = 'gpx' as 'calm-run-backup')),
      { code: 'backup-not-calm-run' },
    ],
    [
      'a newer version',
      broken((doc) => (doc.version = 2 as 1)),
      { code: 'backup-newer-version', version: 2 },
    ],
    ['version 0', broken((doc) => (doc.version = 0 as 1)), { code: 'backup-no-version' }],
    [
      'a version as text',
      broken((doc) => (doc.version = '1' as unknown as 1)),
      { code: 'backup-no-version' },
    ],
    ['a fractional version', broken((doc) => (doc.version = 1.5 as 1)), { code: 'backup-no-version' }],
    [
      '"__proto__" at the top',
      exportBackup([tinySession()], '0.1.0').replace('{"format"', '{"__proto__":{"polluted":true},"format"'),
      damaged(/Invalid key: .* received "__proto__"/),
    ],
    [
      '"__proto__" in a meta',
      exportBackup([tinySession()], '0.1.0').replace(
        '"id":"tiny-1"',
        '"__proto__":{"polluted":true},"id":"tiny-1"',
      ),
      damaged(/sessions\.0\.meta.*__proto__/),
    ],
    [
      '"constructor" in the samples',
      exportBackup([tinySession()], '0.1.0').replace(
        '"elapsedMs":[',
        '"constructor":{"prototype":{"x":1}},"elapsedMs":[',
      ),
      damaged(/constructor/),
    ],
    ['deeply nested junk', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, { code: 'backup-too-deep' }],
    [
      'deep nesting in a field',
      broken((doc) => ((doc.sessions[0] as unknown as { meta: { notes: unknown } }).meta.notes = nest(40))),
      { code: 'backup-too-deep' },
    ],
    [
      'a huge number',
      exportBackup([tinySession()], '0.1.0').replace('[100,null,101]', '[1e400,null,101]'),
      damaged(/heartRateBpm/),
    ],
    [
      '"NaN" for a heart rate',
      broken((doc) => (samplesOf(doc).heartRateBpm[0] = 'NaN' as unknown as number)),
      damaged(/heartRateBpm/),
    ],
    ['a heart rate of 301', broken((doc) => (samplesOf(doc).heartRateBpm[0] = 301)), damaged(/heartRateBpm/)],
    [
      'a fractional heart rate',
      broken((doc) => (samplesOf(doc).heartRateBpm[0] = 100.5)),
      damaged(/heartRateBpm/),
    ],
    ['an RR interval of 0', broken((doc) => (samplesOf(doc).rr1024[0] = 0)), damaged(/rr1024/)],
    ['an RR interval of 65536', broken((doc) => (samplesOf(doc).rr1024[0] = 65536)), damaged(/rr1024/)],
    ['a contact code of 3', broken((doc) => (samplesOf(doc).contact[0] = 3 as 0)), damaged(/contact/)],
    [
      'sample times going backwards',
      broken((doc) => (samplesOf(doc).elapsedMs[2] = 500)),
      damaged(/go backwards/),
    ],
    ['a negative sample time', broken((doc) => (samplesOf(doc).elapsedMs[0] = -1)), damaged(/elapsedMs/)],
    [
      'a fractional sample time',
      broken((doc) => (samplesOf(doc).elapsedMs[1] = 1000.5)),
      damaged(/elapsedMs/),
    ],
    [
      'lists of different lengths',
      broken((doc) => samplesOf(doc).contact.pop()),
      damaged(/different lengths/),
    ],
    [
      'RR counts that do not add up',
      broken((doc) => (samplesOf(doc).rrCount[0] = 2)),
      damaged(/do not add up/),
    ],
    [
      'a feeling of 6',
      broken((doc) => (metaOf(doc).before = { feeling: 6 as 5, arousal: 3 })),
      damaged(/before\.feeling/),
    ],
    [
      'a feeling of 2.5',
      broken((doc) => (metaOf(doc).after = { feeling: 2.5 as 2, arousal: 3 })),
      damaged(/after\.feeling/),
    ],
    [
      'an arousal of 0',
      broken((doc) => (metaOf(doc).before = { feeling: 0, arousal: 0 as 1 })),
      damaged(/before\.arousal/),
    ],
    ['an exertion of 11', broken((doc) => (metaOf(doc).exertion = 11 as 10)), damaged(/exertion/)],
    ['an unknown kind', broken((doc) => (metaOf(doc).kind = 'swim' as 'run')), damaged(/kind/)],
    ['an id with a slash', broken((doc) => (metaOf(doc).id = '../../etc')), damaged(/meta\.id/)],
    ['an empty id', broken((doc) => (metaOf(doc).id = '')), damaged(/meta\.id/)],
    ['an id of 129 characters', broken((doc) => (metaOf(doc).id = 'a'.repeat(129))), damaged(/meta\.id/)],
    [
      'notes over 100,000 characters',
      broken((doc) => (metaOf(doc).notes = 'x'.repeat(100_001))),
      damaged(/notes/),
    ],
    ['a start in 1970', broken((doc) => (metaOf(doc).startedAtWallMs = 0)), damaged(/startedAtWallMs/)],
    [
      'an end before the start',
      broken((doc) => (metaOf(doc).endedAtWallMs = metaOf(doc).startedAtWallMs - 1)),
      damaged(/ends before/),
    ],
    [
      'a zone upside down',
      broken((doc) => (metaOf(doc).zone = { lowBpm: 140, highBpm: 120, method: 'fixed' })),
      damaged(/zone/),
    ],
    [
      'an unknown field in a meta',
      broken((doc) => Object.assign(metaOf(doc), { mood: 'ok' })),
      damaged(/meta\.mood/),
    ],
    [
      'an unknown event',
      broken((doc) => metaOf(doc).events.push({ type: 'exploded' as 'mark', elapsedMs: 1 })),
      damaged(/events/),
    ],
    [
      'the same session twice',
      broken((doc) => (metaOf(doc, 1).id = metaOf(doc).id)),
      { code: 'backup-duplicate-session' },
    ],
    ['sessions that are not a list', broken((doc) => (doc.sessions = {} as [])), damaged(/sessions/)],
    [
      'a missing exportedAt',
      broken((doc) => delete (doc as Partial<BackupDocument>).exportedAt),
      damaged(/exportedAt/),
    ],
  ];

  it.each(cases)('%s', (_name, text, expected) => {
    expect(refusal(text)).toEqual(expected);
  });

  it('leaves Object.prototype alone', () => {
    for (const [, text] of cases) parseBackup(text);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('millions of objects or lists, before parsing them', () => {
    expect(refusal(`[${'{},'.repeat(2_000_000)}{}]`)).toEqual({
      code: 'backup-too-many-entries',
      maxEntries: 2_000_000,
    });
    const text = exportBackup([tinySession(), sampleRun()], '0.1.0');
    expect(parseBackup(text, { ...defaultBackupLimits, maxObjectsAndLists: 30 })).toEqual({
      ok: false,
      refusal: { code: 'backup-too-many-entries', maxEntries: 30 },
    });
    // Braces inside text are not objects.
    expect(
      parsed(
        exportBackup(
          [{ ...tinySession(), meta: { ...tinySession().meta, notes: '{}'.repeat(50) } }],
          '0.1.0',
        ),
        { ...defaultBackupLimits, maxObjectsAndLists: 15 },
      ),
    ).toHaveLength(1);
  });

  it('says where the damage is in at most 200 characters, however long the file’s own key', () => {
    const text = exportBackup([tinySession()], '0.1.0').replace(
      '"notes":""',
      `"notes":"","${'k'.repeat(10_000)}":1`,
    );
    const refused = refusal(text);
    expect(refused).toEqual(damaged(/^sessions\.0\.meta\.kkkk/));
    expect(refused.code === 'backup-damaged' && refused.detail.length).toBe(201);
  });

  it('a file over the size limit, before reading it', () => {
    const huge = ' '.repeat(defaultBackupLimits.maxTextLength + 1);
    expect(refusal(huge)).toEqual({ code: 'backup-too-large', maxMegabytes: 100 });
  });

  it('more sessions, samples, RR intervals or events than the limits', () => {
    const text = exportBackup([tinySession(), sampleRun()], '0.1.0');
    const limit = (change: Partial<BackupLimits>) => refusal(text, { ...defaultBackupLimits, ...change });
    expect(limit({ maxSessions: 1 })).toEqual(damaged(/sessions.*Invalid length/));
    expect(limit({ maxSamplesPerSession: 100 })).toEqual(
      damaged(/sessions\.1\.samples\.elapsedMs.*at most 100 values/),
    );
    expect(limit({ maxRrPerSession: 100 })).toEqual(
      damaged(/sessions\.1\.(samples\.rr1024|meta\.summary\.beatCount)/),
    );
    expect(limit({ maxEventsPerSession: 2 })).toEqual(damaged(/events/));
  });
});

describe('parseBackup refuses a resting check whose new figures are out of range', () => {
  function withSummary(change: (summary: Record<string, unknown>) => void): string {
    const doc = JSON.parse(exportBackup([restingCheckSession()], '0.1.0')) as {
      sessions: { meta: { summary: Record<string, unknown> } }[];
    };
    const summary = doc.sessions[0]?.meta.summary;
    if (summary) change(summary);
    return JSON.stringify(doc);
  }
  const part = (summary: Record<string, unknown>, key: string) => summary[key] as Record<string, unknown>;

  it.each([
    [
      'a negative SDNN',
      (s: Record<string, unknown>) => (part(s, 'timeDomain').sdnnMs = -1),
      /timeDomain\.sdnnMs/,
    ],
    ['pNN50 over 100 %', (s: Record<string, unknown>) => (part(s, 'timeDomain').pnn50Pct = 101), /pnn50Pct/],
    [
      'a text where SD1 belongs',
      (s: Record<string, unknown>) => (part(s, 'timeDomain').sd1Ms = '22'),
      /sd1Ms/,
    ],
    [
      'an HF peak outside HF',
      (s: Record<string, unknown>) => (part(s, 'frequencyDomain').hfPeakHz = 0.5),
      /hfPeakHz/,
    ],
    ['a negative LF power', (s: Record<string, unknown>) => (part(s, 'frequencyDomain').lfMs2 = -3), /lfMs2/],
    [
      'an unknown key in the spectrum',
      (s: Record<string, unknown>) => (part(s, 'frequencyDomain').totalMs2 = 3),
      /totalMs2/,
    ],
    [
      'a 3-minute check',
      (s: Record<string, unknown>) => (part(s, 'restingCheck').plannedMinutes = 3),
      /plannedMinutes/,
    ],
    [
      'an unknown refusal',
      (s: Record<string, unknown>) => (part(s, 'restingCheck').refusal = 'tired'),
      /refusal/,
    ],
    [
      'no paced-breathing flag',
      (s: Record<string, unknown>) => delete part(s, 'restingCheck').pacedBreathing,
      /pacedBreathing/,
    ],
  ])('%s', (_what, change, where) => {
    expect(refusal(withSummary(change))).toEqual(damaged(where));
  });

  it('an overflowing figure (1e999 reads as Infinity)', () => {
    const text = exportBackup([restingCheckSession()], '0.1.0').replace('"sdnnMs":29.5', '"sdnnMs":1e999');
    expect(refusal(text)).toEqual(damaged(/sdnnMs/));
  });
});

describe('a backup of a run recorded from a glitching strap (found by the fuzz bench)', () => {
  it('restores it: no heart rate above 300 bpm, no RR of 0, an RMSSD of over 10 s', () => {
    const startWallMs = Date.UTC(2026, 4, 17, 6);
    const packets = [
      // Contact, 140 bpm, RR 0x0200.
      [0x16, 0x8c, 0x00, 0x02],
      // Contact, 16-bit heart rate 0x1194 = 4,500 bpm (was kept and averaged), RR 0 (was kept) and 0x0320.
      [0x17, 0x94, 0x11, 0x00, 0x00, 0x20, 0x03],
      // 80 bpm, RR 1 and 65,535 in turn: junk beats, an RMSSD of about 20 s (was over the backup's bound).
      ...Array.from({ length: 3 }, () => [0x10, 0x50, 0x01, 0x00, 0xff, 0xff, 0x01, 0x00, 0xff, 0xff]),
    ];
    let state = recordSession(createRecorder(), {
      type: 'start',
      id: 'glitching-strap',
      kind: 'run',
      atMs: 0,
      wallClockMs: startWallMs,
      strapLive: true,
    });
    packets.forEach((bytes, index) => {
      const decoded = decodeHeartRateMeasurement(new DataView(Uint8Array.from(bytes).buffer));
      const atMs = (index + 1) * 1000;
      state = recordSession(state, {
        type: 'measurement',
        measurement: toStrapMeasurement(decoded, atMs, startWallMs + atMs),
      });
    });
    state = recordSession(state, { type: 'finish', atMs: 7000, wallClockMs: startWallMs + 7000 });
    const meta = state.meta;
    if (meta === undefined) throw new Error('no session recorded');
    expect(meta.summary?.maxHeartRateBpm).toBe(140);
    expect(meta.summary?.rmssdMs).toBeGreaterThan(10_000);
    const session = { meta, samples: [...state.samples] };
    expect(parsed(exportBackup([session], '0.1.0', exportedAt))).toStrictEqual([session]);
  });
});

describe('parseBackupBytes', () => {
  const bytes = new TextEncoder().encode(exportBackup([tinySession()], '0.1.0'));

  it('reads a backup in UTF-8, with or without a byte order mark', () => {
    expect(parseBackupBytes(bytes)).toEqual({ ok: true, sessions: [tinySession()] });
    expect(parseBackupBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes]))).toEqual({
      ok: true,
      sessions: [tinySession()],
    });
  });

  it('refuses bytes that are not UTF-8, rather than import replacement characters', () => {
    const withNotes = new TextEncoder().encode(
      exportBackup([{ ...tinySession(), meta: { ...tinySession().meta, notes: 'Easy run ?' } }], '0.1.0'),
    );
    withNotes[withNotes.indexOf(0x3f)] = 0xff;
    expect(parseBackupBytes(withNotes)).toEqual({ ok: false, refusal: { code: 'backup-not-text' } });
    expect(parseBackupBytes(Uint8Array.from([0xff, 0xfe, 0x7b, 0x00]))).toEqual({
      ok: false,
      refusal: { code: 'backup-not-text' },
    });
  });
});

describe('parseBackup on random input', () => {
  it('never throws on random JSON, and gives a reason unless the JSON is a backup', () => {
    fc.assert(
      fc.property(fc.json({ depthSize: 'medium' }), (text) => {
        const result = parseBackup(text);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.refusal.code).not.toBe('backup-unreadable');
      }),
      { numRuns: 500 },
    );
  });

  it('never throws when one value somewhere in a real backup is replaced by random JSON', () => {
    const valid = JSON.parse(exportBackup([tinySession()], '0.1.0')) as unknown;
    const paths = leafPaths(valid);
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (path, value) => {
        const doc = structuredClone(valid);
        setAt(doc, path, value);
        const result = parseBackup(JSON.stringify(doc));
        if (result.ok) {
          // Whatever passes is a consistent set of sessions: it survives another export and parse unchanged.
          expect(parsed(exportBackup(result.sessions, '0.1.0'))).toStrictEqual(result.sessions);
        } else {
          expect(result.refusal.code).not.toBe('backup-unreadable');
        }
      }),
      { numRuns: 500 },
    );
  });

  // A hundred random backups take about a second alone; a loaded machine can take several.
  it('round-trips random valid sessions exactly', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(fc.array(sessionArbitrary(), { maxLength: 4 }), (sessions) => {
        const unique = sessions.map((session, index) => ({
          ...session,
          meta: { ...session.meta, id: `s${index}` },
        }));
        expect(parsed(exportBackup(unique, '9.9.9'))).toStrictEqual(unique);
      }),
      { numRuns: 100 },
    );
  });
});

function samplesOf(doc: BackupDocument) {
  const samples = doc.sessions[0]?.samples;
  if (!samples) throw new Error('no session');
  return samples;
}

function metaOf(doc: BackupDocument, index = 0): SessionMeta {
  const meta = doc.sessions[index]?.meta;
  if (!meta) throw new Error('no session');
  return meta;
}

function nest(depth: number): unknown {
  let value: unknown = 'deep';
  for (let level = 0; level < depth; level += 1) value = { down: value };
  return value;
}

function leafPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) {
    return [path, ...value.flatMap((item, index) => leafPaths(item, [...path, index]))];
  }
  if (value !== null && typeof value === 'object') {
    return [path, ...Object.entries(value).flatMap(([key, item]) => leafPaths(item, [...path, key]))];
  }
  return [path];
}

function setAt(root: unknown, path: (string | number)[], value: unknown): void {
  if (path.length === 0) return;
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1);
  if (last !== undefined) node[last] = value;
}

function sessionArbitrary(): fc.Arbitrary<SessionWithSamples> {
  // The app's sessions are plain objects: no null-prototype records, which toStrictEqual would tell apart.
  const plain = { noNullPrototype: true } as const;
  const sample = fc.record(
    {
      elapsedMs: fc.integer({ min: 0, max: 3_600_000 }),
      heartRateBpm: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }),
      sensorContact: fc.constantFrom('unsupported' as const, 'no-contact' as const, 'contact' as const),
      rrIntervals1024: fc.array(fc.integer({ min: 1, max: 65535 }), { maxLength: 6 }),
    },
    plain,
  );
  const samples = fc
    .array(sample, { maxLength: 50 })
    .map((list): SessionSample[] => [...list].sort((a, b) => a.elapsedMs - b.elapsedMs));
  const mood = fc.record(
    {
      feeling: fc.constantFrom(-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5 as const),
      arousal: fc.constantFrom(1, 2, 3, 4, 5, 6 as const),
    },
    plain,
  );
  const meta = fc.record(
    {
      id: fc.constant('x'),
      kind: fc.constantFrom('run' as const, 'breathing' as const),
      status: fc.constantFrom('recording' as const, 'paused' as const, 'finished' as const),
      startedAtWallMs: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2040, 0, 1) }),
      runnerName: fc.string({ maxLength: 30 }),
      group: fc.record(
        { groupId: fc.constantFrom('g-1', 'group-2b'), size: fc.integer({ min: 1, max: 12 }) },
        plain,
      ),
      before: mood,
      after: mood,
      exertion: fc.constantFrom(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 as const),
      notes: fc.string({ maxLength: 200, unit: 'binary' }),
      events: fc.array(
        fc.record(
          {
            type: fc.constantFrom('mark' as const, 'cue' as const, 'gap' as const),
            elapsedMs: fc.integer({ min: 0, max: 3_600_000 }),
            detail: fc.string({ maxLength: 20 }),
          },
          { requiredKeys: ['type', 'elapsedMs'], ...plain },
        ),
        { maxLength: 5 },
      ),
    },
    { requiredKeys: ['id', 'kind', 'status', 'startedAtWallMs', 'notes', 'events'], ...plain },
  );
  return fc.record({ meta, samples }, plain);
}
