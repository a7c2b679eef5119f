import { describe, expect, it } from 'vitest';
import { csvField, exportCsv, exportRrText } from '../../../../src/adapters/files/csv-export';
import { allRr, sampleRun, tinySession } from './support/sample-session';

describe('exportCsv', () => {
  it('writes exactly this for a small session', () => {
    expect(exportCsv(tinySession())).toBe(
      'elapsed_s,time_iso,heart_rate_bpm,contact,rr_ms\r\n' +
        '0.000,2026-01-02T03:04:05.000Z,100,contact,599.609\r\n' +
        '1.000,2026-01-02T03:04:06.000Z,,no-contact,\r\n' +
        '2.005,2026-01-02T03:04:07.005Z,101,unsupported,593.750 1000.000\r\n',
    );
  });

  it('has one row per sample and the same five fields in every row', () => {
    const session = sampleRun();
    const rows = exportCsv(session).split('\r\n');
    expect(rows.at(-1)).toBe('');
    expect(rows).toHaveLength(session.samples.length + 2);
    expect(rows.slice(0, -1).every((row) => row.split(',').length === 5)).toBe(true);
  });

  it('quotes a field only when RFC 4180 needs it', () => {
    expect(csvField('plain 1.5')).toBe('plain 1.5');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
  });
});

describe('exportRrText', () => {
  it('writes one interval per line, in ms with three decimals', () => {
    expect(exportRrText(tinySession())).toBe('599.609\n593.750\n1000.000\n');
  });

  it('writes every interval of the session, in order, and nothing else', () => {
    const session = sampleRun();
    const lines = exportRrText(session).trimEnd().split('\n');
    expect(lines.map((line) => Math.round((Number(line) * 1024) / 1000))).toEqual(allRr(session));
    expect(lines.every((line) => /^\d+\.\d{3}$/.test(line))).toBe(true);
    expect(lines).toContain('0.977');
    expect(lines).toContain('63999.023');
  });

  it('is empty for a session without RR intervals', () => {
    const session = tinySession();
    session.samples = session.samples.map((sample) => ({ ...sample, rrIntervals1024: [] }));
    expect(exportRrText(session)).toBe('');
  });
});
