import { clientFileOf, clientRun, therapistFile } from './client-files';
import { backupFileOf } from './synthetic-sessions';
import type { ExpectedRefusal, HostileImport } from './hostile-imports';

/**
 * Hostile and broken client files for the client-file import (the client's page, "Import runs from ...", and the
 * runner's profile, "Import the file from my therapist"). Each is a valid client file changed in the one way its
 * name says, and names the refusal it must get; none may change anything stored.
 *
 * Used by tests/unit/adapters/files/hostile-client-files.test.ts (fake-indexeddb) and
 * tests/e2e/client-exchange.e2e.ts (the profile screen in Chromium).
 */

type Json = Record<string, unknown>;

const jsonType = 'application/json';
const text = (value: string): Uint8Array => new TextEncoder().encode(value);

/** The runs of the valid file: their ids are not in the store the corpus is fed to. */
export const corpusClientRuns = () => [clientRun(0), clientRun(1)];

export const validClientFileText = (): string =>
  clientFileOf(therapistFile(corpusClientRuns())).toString('utf8');

function clientFileWith(change: (document: Json) => void): Uint8Array {
  const document = JSON.parse(validClientFileText()) as Json;
  change(document);
  return text(JSON.stringify(document));
}

function clientFileReplacing(find: string, replacement: string): Uint8Array {
  const original = validClientFileText();
  const changed = original.replace(find, replacement);
  if (changed === original) throw new Error(`the corpus client file has no ${find}`);
  return text(changed);
}

const sessionsOf = (document: Json): Json[] => document.sessions as Json[];

function hostile(
  refusal: ExpectedRefusal,
  what: string,
  bytes: () => Uint8Array,
  detail?: RegExp,
): HostileImport {
  return {
    name: `${refusal.code}: ${what}`,
    category: 'not a backup',
    fileName: 'calm-run-client-anna.json',
    mimeType: jsonType,
    refusal,
    ...(detail && { detail }),
    bytes,
  };
}

export function hostileClientFiles(): HostileImport[] {
  return [
    hostile(
      { code: 'client-file-is-backup' },
      'a backup of runs, not a client file',
      () => new Uint8Array(backupFileOf(corpusClientRuns())),
    ),
    hostile({ code: 'client-file-not-client-file' }, 'a wrong format id', () =>
      clientFileWith((document) => (document.format = 'calm-run-clients')),
    ),
    hostile({ code: 'client-file-newer-version', version: 7 }, 'a version from the future', () =>
      clientFileWith((document) => (document.version = 7)),
    ),
    hostile(
      { code: 'client-file-other-runner' },
      'a session of another runner',
      () =>
        clientFileWith((document) => {
          const meta = sessionsOf(document)[1]?.meta as Json;
          meta.runnerId = 'someone-else';
          meta.runnerName = 'Someone else';
        }),
      /^anna-run-2$/u,
    ),
    hostile({ code: 'client-file-ids-differ' }, 'a record of another person than the profile', () =>
      clientFileWith((document) => ((document.client as Json).runnerId = 'client-ben')),
    ),
    hostile(
      { code: 'client-file-damaged' },
      'a bad record (a course start that is no calendar day)',
      () =>
        clientFileWith((document) => (((document.client as Json).course as Json).startDate = '2026-02-30')),
      /^client\.course\.startDate:/u,
    ),
    hostile({ code: 'client-file-duplicate-session' }, 'the same session id twice', () =>
      clientFileWith((document) => {
        const [first, second] = sessionsOf(document);
        (second?.meta as Json).id = (first?.meta as Json).id;
      }),
    ),
    hostile(
      { code: 'client-file-damaged' },
      'a "__proto__" key in the profile',
      () => clientFileReplacing('"profile":{', '"profile":{"__proto__":{"polluted":true},'),
      /^profile\.__proto__: Unknown key$/u,
    ),
    hostile(
      { code: 'client-file-damaged' },
      'a "constructor" key in the record',
      () => clientFileReplacing('"client":{', '"client":{"constructor":{"prototype":{"isAdmin":true}},'),
      /^client\.constructor: Unknown key$/u,
    ),
    hostile(
      { code: 'client-file-damaged' },
      'a huge notes array (50,000 notes)',
      () =>
        clientFileWith(
          (document) =>
            ((document.client as Json).notes = Array.from({ length: 50_000 }, (_, index) => ({
              id: `note-${String(index)}`,
              writtenAtWallMs: Date.UTC(2026, 8, 8),
              text: 'Ran well.',
            }))),
        ),
      /^client\.notes:/u,
    ),
    hostile({ code: 'client-file-too-deep' }, 'nesting 100,000 deep in the goals', () =>
      clientFileReplacing('"goals":"', `"deep":${'['.repeat(100_000)}${']'.repeat(100_000)},"goals":"`),
    ),
    hostile({ code: 'client-file-not-json' }, 'truncated JSON', () => {
      const whole = validClientFileText();
      return text(whole.slice(0, Math.floor(whole.length / 2)));
    }),
    hostile({ code: 'client-file-unfinished-session' }, 'a run still recording', () =>
      clientFileWith((document) => ((sessionsOf(document)[0]?.meta as Json).status = 'recording')),
    ),
    hostile({ code: 'client-file-not-text' }, 'bytes that are not UTF-8', () => {
      const bytes = text(validClientFileText());
      bytes[40] = 0xff;
      return bytes;
    }),
  ];
}
