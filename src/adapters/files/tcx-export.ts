import { isHeartRate, sessionTotals } from './session-totals';
import type { SessionWithSamples } from './session-with-samples';
import { xmlText } from './xml-text';

export interface TcxExportOptions {
  /**
   * Put the runner's notes in Activity/Notes. Off by default: notes from running therapy are private, and a TCX file
   * usually goes to someone else's service.
   */
  includeNotes?: boolean;
}

const namespace = 'http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2';
const schemaLocation = `${namespace} http://www.garmin.com/xmlschemas/TrainingCenterDatabasev2.xsd`;
/** HeartRateInBeatsPerMinute_t/Value is positiveByte: 1 to 255. */
const maxTcxHeartRate = 255;

/**
 * A Garmin TrainingCenterDatabase v2 file with one activity, one lap and the heart-rate track; no position or
 * distance, as Calm Run has no GPS. Elements follow the xsd:sequence order of the schema (ActivityLap_t:
 * TotalTimeSeconds, DistanceMeters, Calories, AverageHeartRateBpm?, MaximumHeartRateBpm?, Intensity, TriggerMethod,
 * Track*; Trackpoint_t: Time, HeartRateBpm?). Each stretch between pauses is its own Track, as Garmin devices write
 * them. A sample without a reading is a Trackpoint with its Time only, so the gap shows where it was.
 * Runs are Sport="Running"; breathing sessions and resting checks are "Other", the schema's only other choice that
 * fits.
 */
export function exportTcx(session: SessionWithSamples, options: TcxExportOptions = {}): string {
  const { meta, samples } = session;
  const totals = sessionTotals(session);
  const startTime = isoTime(totals.startWallMs);
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<TrainingCenterDatabase xmlns="${namespace}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${schemaLocation}">`,
    '  <Activities>',
    `    <Activity Sport="${meta.kind === 'run' ? 'Running' : 'Other'}">`,
    `      <Id>${startTime}</Id>`,
    `      <Lap StartTime="${startTime}">`,
    `        <TotalTimeSeconds>${seconds(totals.activeMs)}</TotalTimeSeconds>`,
    '        <DistanceMeters>0</DistanceMeters>',
    '        <Calories>0</Calories>',
  ];
  if (totals.averageHeartRateBpm !== undefined && isTcxHeartRate(totals.averageHeartRateBpm)) {
    lines.push(heartRateElement('AverageHeartRateBpm', totals.averageHeartRateBpm, 8));
  }
  if (totals.maxHeartRateBpm !== undefined && isTcxHeartRate(totals.maxHeartRateBpm)) {
    lines.push(heartRateElement('MaximumHeartRateBpm', totals.maxHeartRateBpm, 8));
  }
  lines.push('        <Intensity>Active</Intensity>', '        <TriggerMethod>Manual</TriggerMethod>');

  // Track_t needs at least one Trackpoint, so a track opens only when it has a sample to hold.
  const pauseStarts = totals.pauses.map((pause) => pause.fromMs);
  let trackOpen = false;
  let previousElapsedMs = Number.NEGATIVE_INFINITY;
  for (const sample of samples) {
    const pausedSince = pauseStarts.some((from) => from > previousElapsedMs && from <= sample.elapsedMs);
    if (trackOpen && pausedSince) {
      lines.push('        </Track>');
      trackOpen = false;
    }
    if (!trackOpen) {
      lines.push('        <Track>');
      trackOpen = true;
    }
    lines.push(
      '          <Trackpoint>',
      `            <Time>${isoTime(totals.startWallMs + sample.elapsedMs)}</Time>`,
    );
    const bpm = sample.heartRateBpm;
    if (isHeartRate(bpm) && isTcxHeartRate(bpm)) lines.push(heartRateElement('HeartRateBpm', bpm, 12));
    lines.push('          </Trackpoint>');
    previousElapsedMs = sample.elapsedMs;
  }
  if (trackOpen) lines.push('        </Track>');
  lines.push('      </Lap>');
  if (options.includeNotes === true && meta.notes.trim() !== '') {
    lines.push(`      <Notes>${xmlText(meta.notes)}</Notes>`);
  }
  lines.push('    </Activity>', '  </Activities>', '</TrainingCenterDatabase>', '');
  return lines.join('\n');
}

function heartRateElement(name: string, bpm: number, indent: number): string {
  const pad = ' '.repeat(indent);
  return `${pad}<${name}>\n${pad}  <Value>${Math.round(bpm)}</Value>\n${pad}</${name}>`;
}

function isTcxHeartRate(bpm: number): boolean {
  const rounded = Math.round(bpm);
  return rounded >= 1 && rounded <= maxTcxHeartRate;
}

/** xsd:dateTime in UTC with a Z, as Garmin writes it (milliseconds included). */
function isoTime(wallMs: number): string {
  return new Date(wallMs).toISOString();
}

/** xsd:double; three decimals are the milliseconds the session has. */
function seconds(ms: number): string {
  return String(Math.round(ms) / 1000);
}
