import { describe, expect, it } from 'vitest';
import { csvField, exportCsv, exportRrText } from '../../../../src/adapters/files/csv-export';
import { sessionSummaryColumns } from '../../../../src/adapters/files/summary-columns';
import { allRr, restingCheckSession, sampleRun, tinySession } from './support/sample-session';

const summaryNames =
  'session_kind,session_duration_s,session_active_s,session_average_hr_bpm,session_max_hr_bpm,' +
  'session_beat_count,session_artifact_pct,session_rmssd_ms,session_ln_rmssd,session_sdnn_ms,session_pnn50_pct,' +
  'session_sd1_ms,session_sd2_ms,session_mean_rr_ms,session_vlf_ms2,session_lf_ms2,session_hf_ms2,session_lf_hf,' +
  'session_lf_nu,session_hf_nu,session_lf_peak_hz,session_hf_peak_hz,session_resting_minutes,' +
  'session_paced_breathing,session_breathing_rate_per_min,session_resting_refusal';
/** The 25 summary fields after session_kind, empty. */
const noFigures = ','.repeat(25);

describe('exportCsv', () => {
  it('writes exactly this for a small session', () => {
    expect(exportCsv(tinySession())).toBe(
      `elapsed_s,time_iso,heart_rate_bpm,contact,rr_ms,${summaryNames}\r\n` +
        `0.000,2026-01-02T03:04:05.000Z,100,contact,599.609,run${noFigures}\r\n` +
        `1.000,2026-01-02T03:04:06.000Z,,no-contact,,${noFigures}\r\n` +
        `2.005,2026-01-02T03:04:07.005Z,101,unsupported,593.750 1000.000,${noFigures}\r\n`,
    );
  });

  it('has one row per sample and the same fields in every row', () => {
    const session = sampleRun();
    const rows = exportCsv(session).split('\r\n');
    expect(rows.at(-1)).toBe('');
    expect(rows).toHaveLength(session.samples.length + 2);
    expect(rows.slice(0, -1).every((row) => row.split(',').length === 5 + 26)).toBe(true);
  });

  it("puts a resting check's figures in the first row only, and the run's RMSSD with its log", () => {
    const rows = exportCsv(restingCheckSession()).split('\r\n');
    const names = rows[0]?.split(',') ?? [];
    const first = rows[1]?.split(',') ?? [];
    const field = (name: string) => first[names.indexOf(name)];
    expect(field('session_kind')).toBe('resting');
    expect(field('session_duration_s')).toBe('120.000');
    expect(field('session_average_hr_bpm')).toBe('61.2');
    expect(field('session_rmssd_ms')).toBe('31.250');
    expect(field('session_ln_rmssd')).toBe(Math.log(31.25).toFixed(4));
    expect(field('session_sdnn_ms')).toBe('29.500');
    expect(field('session_pnn50_pct')).toBe('12.500');
    expect(field('session_sd1_ms')).toBe('22.100');
    expect(field('session_sd2_ms')).toBe('35.300');
    expect(field('session_mean_rr_ms')).toBe('980.400');
    expect(field('session_lf_ms2')).toBe('640.250');
    expect(field('session_lf_hf')).toBe('7.9500');
    expect(field('session_hf_peak_hz')).toBe('0.1800');
    expect(field('session_resting_minutes')).toBe('2');
    expect(field('session_paced_breathing')).toBe('yes');
    expect(field('session_breathing_rate_per_min')).toBe('6.0');
    expect(field('session_resting_refusal')).toBe('');
    expect(
      rows[2]
        ?.split(',')
        .slice(5)
        .every((value) => value === ''),
    ).toBe(true);
  });

  it('a refused check: the refusal and no figures it does not trust', () => {
    const session = restingCheckSession();
    const summary = session.meta.summary;
    if (!summary) throw new Error('the fixture has a summary');
    const { rmssdMs: _rmssd, timeDomain: _time, frequencyDomain: _spectrum, ...rest } = summary;
    session.meta.summary = {
      ...rest,
      restingCheck: { plannedMinutes: 5, pacedBreathing: false, refusal: 'too-short' },
    };
    const values = Object.fromEntries(sessionSummaryColumns(session.meta).map((c) => [c.name, c.value]));
    expect(values.session_resting_refusal).toBe('too-short');
    expect(values.session_paced_breathing).toBe('no');
    expect(values.session_rmssd_ms).toBe('');
    expect(values.session_ln_rmssd).toBe('');
    expect(values.session_sdnn_ms).toBe('');
    expect(values.session_lf_ms2).toBe('');
  });

  it('a session without samples still carries its figures, in one row', () => {
    const session = restingCheckSession();
    session.samples = [];
    const rows = exportCsv(session).split('\r\n');
    expect(rows).toHaveLength(3);
    expect(rows[1]?.startsWith(',,,,,resting,120.000,')).toBe(true);
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
