import { describe, expect, it } from 'vitest';
import {
  clientFileFormat,
  encodeClientFile,
  parseClientFile,
  parseClientFileBytes,
} from '../../../../src/adapters/files/client-file';
import { exportBackup } from '../../../../src/adapters/files/backup';
import { defaultBackupLimits } from '../../../../src/adapters/files/file-limits';
import {
  clientId,
  clientProfile,
  clientRecord,
  clientRun,
  therapistFile,
} from '../../../e2e/support/client-files';
import { syntheticRun } from '../../../e2e/support/synthetic-sessions';

type Json = Record<string, unknown>;

const validText = (): string => encodeClientFile(therapistFile([clientRun(0), clientRun(1)]), 'test');

/** The valid file as an object, changed by `change`, as JSON. */
function fileWith(change: (document: Json) => void): string {
  const document = JSON.parse(validText()) as Json;
  change(document);
  return JSON.stringify(document);
}

const sessionsOf = (document: Json): Json[] => document.sessions as Json[];
const metaOf = (document: Json, index: number): Json => sessionsOf(document)[index]?.meta as Json;

describe('a client file', () => {
  it('reads back exactly what was written: profile, record, every session and every sample', () => {
    const written = therapistFile([clientRun(0), clientRun(1), clientRun(2)]);
    const result = parseClientFile(encodeClientFile(written, '1.2.3', new Date(Date.UTC(2026, 9, 1))));
    expect(result).toEqual({ ok: true, file: written });
  });

  it('names its format and version, and when and by what it was made', () => {
    const document = JSON.parse(
      encodeClientFile(therapistFile([]), '1.2.3', new Date(Date.UTC(2026, 9, 1, 12))),
    ) as Json;
    expect(document).toMatchObject({
      format: clientFileFormat,
      version: 1,
      exportedAt: '2026-10-01T12:00:00.000Z',
      app: { name: 'Calm Run', version: '1.2.3' },
    });
  });

  it('reads from bytes with a byte order mark', () => {
    const bytes = new TextEncoder().encode(`\uFEFF${validText()}`);
    expect(parseClientFileBytes(bytes).ok).toBe(true);
  });

  it('leaves out a field a store once attached to the profile instead of writing it', () => {
    const profile = { ...clientProfile(), attachedByAnOldVersion: true };
    const result = parseClientFile(encodeClientFile({ ...therapistFile([]), profile }, 'test'));
    expect(result).toEqual({ ok: true, file: therapistFile([]) });
  });

  it('is accepted on the page of the client it belongs to', () => {
    expect(parseClientFile(validText(), { runnerId: clientId }).ok).toBe(true);
  });
});

describe('a client file is refused whole', () => {
  const cases: [string, string | Uint8Array, unknown][] = [
    ['bytes that are not UTF-8', Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d]), { code: 'client-file-not-text' }],
    ['an empty file', '  \n', { code: 'backup-empty' }],
    ['cut-off JSON', validText().slice(0, 500), { code: 'client-file-not-json' }],
    ['absurd nesting', `${'['.repeat(100)}${']'.repeat(100)}`, { code: 'client-file-too-deep' }],
    ['a backup', exportBackup([clientRun(0)], 'test'), { code: 'client-file-is-backup' }],
    [
      'another format',
      fileWith((document) => (document.format = 'strava-export')),
      { code: 'client-file-not-client-file' },
    ],
    ['no version', fileWith((document) => delete document.version), { code: 'client-file-not-client-file' }],
    [
      'a newer version',
      fileWith((document) => (document.version = 2)),
      { code: 'client-file-newer-version', version: 2 },
    ],
    [
      'a profile and record of different people',
      fileWith((document) => ((document.client as Json).runnerId = 'someone-else')),
      { code: 'client-file-ids-differ' },
    ],
    [
      'a session of another runner',
      fileWith((document) => (metaOf(document, 1).runnerId = 'someone-else')),
      { code: 'client-file-other-runner', detail: 'anna-run-2' },
    ],
    [
      'a session with no runner',
      fileWith((document) => delete metaOf(document, 0).runnerId),
      { code: 'client-file-other-runner', detail: 'anna-run-1' },
    ],
    [
      'the same session twice',
      fileWith((document) => sessionsOf(document).push(sessionsOf(document)[0] ?? {})),
      { code: 'client-file-duplicate-session' },
    ],
    [
      'an unfinished session',
      fileWith((document) => (metaOf(document, 0).status = 'recording')),
      { code: 'client-file-unfinished-session' },
    ],
  ];

  it.each(cases)('%s', (_what, content, refusal) => {
    const result = typeof content === 'string' ? parseClientFile(content) : parseClientFileBytes(content);
    expect(result).toEqual({ ok: false, refusal });
  });

  it('a file of another client on a client page', () => {
    expect(parseClientFile(validText(), { runnerId: 'ben' })).toEqual({
      ok: false,
      refusal: { code: 'client-file-other-client' },
    });
  });

  it('a file over the size limit, before parsing it', () => {
    const limits = { ...defaultBackupLimits, maxTextLength: 1024 * 1024 };
    expect(parseClientFile(' '.repeat(1024 * 1024 + 1), {}, limits)).toEqual({
      ok: false,
      refusal: { code: 'client-file-too-large', maxMegabytes: 1 },
    });
  });

  it('a file of far too many objects, before parsing it', () => {
    const limits = { ...defaultBackupLimits, maxObjectsAndLists: 1000 };
    expect(parseClientFile(`[${'{},'.repeat(1000)}{}]`, {}, limits)).toEqual({
      ok: false,
      refusal: { code: 'client-file-too-many-entries', maxEntries: 1000 },
    });
  });

  const damaged: [string, string, RegExp][] = [
    [
      'an unknown key in the profile',
      fileWith((document) => ((document.profile as Json).isAdmin = true)),
      /^profile\.isAdmin: Unknown key$/u,
    ],
    [
      'a "__proto__" key in the record',
      validText().replace('"goals":', '"__proto__":{"polluted":true},"goals":'),
      /^client\.__proto__: Unknown key$/u,
    ],
    [
      'an unknown key in the intake',
      fileWith((document) => (((document.client as Json).intake as Json).score = 3)),
      /^client\.intake\.score: Unknown key$/u,
    ],
    [
      'a "constructor" key in a session',
      fileWith((document) => Reflect.set(metaOf(document, 0), 'constructor', { prototype: {} })),
      /^sessions\.0\.meta/u,
    ],
    [
      'a record with a course of 9 weeks',
      fileWith((document) => (((document.client as Json).course as Json).weeks = 9)),
      /^client\.course\.weeks:/u,
    ],
    [
      'a profile without a name',
      fileWith((document) => delete (document.profile as Json).name),
      /^profile\.name:/u,
    ],
    [
      'more notes than a record holds',
      fileWith(
        (document) =>
          ((document.client as Json).notes = Array.from({ length: 1001 }, (_, index) => ({
            id: `n${String(index)}`,
            writtenAtWallMs: Date.UTC(2026, 8, 8),
            text: 'x',
          }))),
      ),
      /^client\.notes:/u,
    ],
    [
      'a heart rate no heart beats at',
      fileWith(
        (document) => (((sessionsOf(document)[0]?.samples as Json).heartRateBpm as number[])[3] = 400),
      ),
      /^sessions\.0\.samples\.heartRateBpm:/u,
    ],
    [
      'an unknown key at the top',
      fileWith((document) => (document.therapistPassword = 'hunter2')),
      /therapistPassword/u,
    ],
  ];

  it.each(damaged)('%s, naming where', (_what, text, detail) => {
    const result = parseClientFile(text);
    expect(result).toEqual({
      ok: false,
      refusal: { code: 'client-file-damaged', detail: expect.stringMatching(detail) as string },
    });
    expect(Reflect.get({}, 'polluted')).toBeUndefined();
  });

  it('never throws, whatever it is given', () => {
    expect(parseClientFile(undefined as unknown as string)).toEqual({
      ok: false,
      refusal: { code: 'client-file-not-text' },
    });
    expect(parseClientFile('null').ok).toBe(false);
    expect(parseClientFile('[]').ok).toBe(false);
    expect(parseClientFile('"calm-run-client"').ok).toBe(false);
  });

  it('keeps a session without a runner out even when it is the only one', () => {
    const stray = syntheticRun({ id: 'stray', startedAtWallMs: Date.UTC(2026, 8, 9), durationS: 30 });
    const text = encodeClientFile(
      { profile: clientProfile(), record: clientRecord(), sessions: [stray] },
      'test',
    );
    expect(parseClientFile(text)).toEqual({
      ok: false,
      refusal: { code: 'client-file-other-runner', detail: 'stray' },
    });
  });
});
