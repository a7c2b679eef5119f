import type { ResearchRow } from '../../core/clients/research-rows';
import { csvField } from './csv-export';

/**
 * The research export's columns, in order (documented in the README, "Research export"). Names and notes are
 * never among them: the participant is a code, the day an offset from the course start.
 */
export const researchCsvHeader = [
  'participant',
  'course_week',
  'planned_week',
  'planned_run',
  'supervised',
  'day_offset',
  'kind',
  'duration_s',
  'active_min',
  'hr_avg_bpm',
  'hr_max_bpm',
  'below_zone_pct',
  'in_zone_pct',
  'above_zone_pct',
  'rmssd_ms',
  'ln_rmssd',
  'sdnn_ms',
  'pnn50_pct',
  'artifact_pct',
  'feeling_before',
  'arousal_before',
  'feeling_after',
  'arousal_after',
  'exertion',
] as const;

const fixed = (digits: number) => (value: number | undefined) =>
  value === undefined ? '' : value.toFixed(digits);
const whole = (value: number | undefined): string => (value === undefined ? '' : String(value));

/**
 * The rows as CSV (RFC 4180, CRLF, the header first), one row a session in the order given. Decimal points are
 * always '.', whatever the locale; an absent figure is an empty field.
 */
export function researchCsv(rows: readonly ResearchRow[]): string {
  const lines = [researchCsvHeader.join(',')];
  for (const row of rows) {
    lines.push(
      [
        row.participant,
        whole(row.courseWeek),
        whole(row.plannedWeek),
        whole(row.plannedRun),
        row.supervised ? '1' : '0',
        whole(row.dayOffset),
        row.kind,
        whole(row.durationS),
        fixed(1)(row.activeMin),
        fixed(1)(row.averageHeartRateBpm),
        fixed(0)(row.maxHeartRateBpm),
        fixed(1)(row.belowZonePct),
        fixed(1)(row.inZonePct),
        fixed(1)(row.aboveZonePct),
        fixed(1)(row.rmssdMs),
        fixed(3)(row.lnRmssd),
        fixed(1)(row.sdnnMs),
        fixed(1)(row.pnn50Pct),
        fixed(1)(row.artifactPct),
        whole(row.feelingBefore),
        whole(row.arousalBefore),
        whole(row.feelingAfter),
        whole(row.arousalAfter),
        whole(row.exertion),
      ]
        .map(csvField)
        .join(','),
    );
  }
  return lines.map((line) => `${line}\r\n`).join('');
}
