import { describe, expect, it } from 'vitest';
import type { SessionStorage } from '../../../src/adapters/storage/session-storage';
import { importSessionFile } from '../../../src/app/session-files';

/** A store that fails the test if a refused file gets anywhere near it. */
const untouchedStore = new Proxy({} as SessionStorage, {
  get: (_, name) => {
    throw new Error(`a refused file reached the store (${String(name)})`);
  },
});

describe('importSessionFile refuses', () => {
  it('a file over 100 MB before reading it', async () => {
    const huge = { name: 'huge.json', size: 100_000_001 } as File;
    expect(await importSessionFile(untouchedStore, huge)).toEqual({
      kind: 'refused',
      refusal: { code: 'file-too-large', maxMegabytes: 100 },
    });
  });

  it('a backup with the code its parser gives', async () => {
    const file = new File(['{"format":"calm-run-backup"'], 'cut-off.json', { type: 'application/json' });
    expect(await importSessionFile(untouchedStore, file)).toEqual({
      kind: 'refused',
      refusal: { code: 'backup-not-json' },
    });
  });

  it('a FIT file with the code its reader gives', async () => {
    const file = new File([new Uint8Array([1, 2, 3])], 'run.fit');
    expect(await importSessionFile(untouchedStore, file)).toEqual({
      kind: 'refused',
      refusal: { code: 'fit-not-fit' },
    });
  });
});
