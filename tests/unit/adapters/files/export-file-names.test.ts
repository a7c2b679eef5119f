import { describe, expect, it } from 'vitest';
import {
  clientFileName,
  exportFileName,
  packetLogFileName,
} from '../../../../src/adapters/files/export-file-names';

describe('exportFileName', () => {
  it('names the file after the local start time, to the minute', () => {
    const start = new Date(2026, 10, 29, 7, 15, 42).getTime();
    expect(exportFileName(start, 'fit')).toBe('calm-run-2026-11-29-0715.fit');
    expect(exportFileName(start, 'csv')).toBe('calm-run-2026-11-29-0715.csv');
  });

  it('pads months, days, hours and minutes, and takes another prefix', () => {
    const start = new Date(2027, 0, 3, 0, 5).getTime();
    expect(exportFileName(start, 'json', 'calm-run-backup')).toBe('calm-run-backup-2027-01-03-0005.json');
  });

  it('uses characters that every file system accepts', () => {
    expect(exportFileName(Date.now(), 'tcx')).toMatch(/^[a-z0-9-]+\.tcx$/);
  });
});

describe('packetLogFileName', () => {
  it('stamps the log to the millisecond in UTC, with dashes for colons and dots', () => {
    const savedAt = Date.UTC(2026, 10, 29, 6, 15, 2, 123);
    expect(packetLogFileName(savedAt)).toBe('calm-run-packets-2026-11-29T06-15-02-123Z.jsonl');
  });
});

describe('clientFileName', () => {
  const day = new Date(2026, 10, 29, 23, 50).getTime();

  it('names the file after the client and the local day', () => {
    expect(clientFileName('Anna de Vries', day)).toBe('calm-run-client-anna-de-vries-2026-11-29.json');
  });

  it('keeps letters without their accents, and only letters, digits and dashes', () => {
    expect(clientFileName('  Zoë Çelik / groep 2 ', day)).toBe(
      'calm-run-client-zoe-celik-groep-2-2026-11-29.json',
    );
    expect(clientFileName('../../etc/passwd', day)).toBe('calm-run-client-etc-passwd-2026-11-29.json');
  });

  it('shortens a long name and leaves out a name with nothing left', () => {
    expect(clientFileName('a'.repeat(39) + ' b', day)).toBe(
      `calm-run-client-${'a'.repeat(39)}-2026-11-29.json`,
    );
    expect(clientFileName('李雷 ✨', day)).toBe('calm-run-client-2026-11-29.json');
  });
});
