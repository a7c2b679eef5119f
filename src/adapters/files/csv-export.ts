import type { SessionWithSamples } from './session-with-samples';
import { sessionSummaryColumns } from './summary-columns';

const csvHeader = ['elapsed_s', 'time_iso', 'heart_rate_bpm', 'contact', 'rr_ms'] as const;

/**
 * The samples as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted only when they hold a comma, quote or
 * line break; none of ours do, but the rule is applied all the same). One row per sample, so a spreadsheet can
 * average or chart heart rate straight away:
 * - elapsed_s: seconds since the start, three decimals (the recording's milliseconds);
 * - time_iso: the wall time, ISO 8601 in UTC with a Z;
 * - heart_rate_bpm: whole bpm, empty for "no reading";
 * - contact: contact, no-contact or unsupported, as the strap reported it;
 * - rr_ms: the RR intervals that arrived with this sample, in ms with three decimals, oldest first, separated by a
 *   space (a sample carries zero to a few of them; a space keeps the row count equal to the sample count and needs
 *   no quoting). For one interval per row, use the RR text export.
 * Then the whole session's figures (see {@link sessionSummaryColumns}: session_kind, HRV time and frequency domain,
 * the resting check), named session_*, filled in the first row only and empty in every other, so the rows stay one
 * per sample and a column of figures still averages as before. A session without samples gets one row for them.
 * Decimal points are always '.', whatever the locale.
 */
export function exportCsv({ meta, samples }: SessionWithSamples): string {
  const summaryColumns = sessionSummaryColumns(meta);
  const rows = [[...csvHeader, ...summaryColumns.map((column) => column.name)].join(',')];
  const emptySummary = summaryColumns.map(() => '');
  const summaryValues = summaryColumns.map((column) => column.value);
  for (const [index, sample] of samples.entries()) {
    rows.push(
      [
        (sample.elapsedMs / 1000).toFixed(3),
        new Date(meta.startedAtWallMs + sample.elapsedMs).toISOString(),
        sample.heartRateBpm === null ? '' : String(Math.round(sample.heartRateBpm)),
        sample.sensorContact,
        sample.rrIntervals1024.map(rrMs).join(' '),
        ...(index === 0 ? summaryValues : emptySummary),
      ]
        .map(csvField)
        .join(','),
    );
  }
  if (samples.length === 0) rows.push([...csvHeader.map(() => ''), ...summaryValues].map(csvField).join(','));
  return rows.map((row) => `${row}\r\n`).join('');
}

/**
 * Every RR interval of the session, oldest first, one per line in milliseconds, as Kubios HRV reads a plain RR text
 * file. The strap measures in 1/1024 s, so ms are written with three decimals ("976.563") rather than rounded to
 * whole ms: Kubios takes decimals, and rounding would add up to half a millisecond of quantisation noise to
 * beat-to-beat measures such as RMSSD. Intervals are written as the strap sent them, artifacts included:
 * Kubios has its own artifact correction, and the file should not hide what was measured.
 */
export function exportRrText({ samples }: SessionWithSamples): string {
  return samples
    .flatMap((sample) => sample.rrIntervals1024)
    .map((rr) => `${rrMs(rr)}\n`)
    .join('');
}

function rrMs(rr1024: number): string {
  return ((rr1024 * 1000) / 1024).toFixed(3);
}

/** RFC 4180 section 2: a field with a comma, quote or line break is quoted, its quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
