import type { Page } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { SessionWithSamples } from '../../../src/adapters/files/session-with-samples';
import type { ClientRecord } from '../../../src/core/clients/client-record';
import type { RunnerProfile } from '../../../src/core/zones/runner-profile';
import { syntheticRun } from './synthetic-sessions';

/** A client's course for the evaluation: the profile, the client record and the sessions to import. */
export interface ClientCourseFixture {
  profile: RunnerProfile;
  record: ClientRecord;
  /** Runs and resting checks, for a backup file the app imports. */
  sessions: SessionWithSamples[];
}

const dayMs = 86_400_000;

/** `YYYY-MM-DD` of a UTC day. */
function isoDay(wallMs: number): string {
  return new Date(wallMs).toISOString().slice(0, 10);
}

/**
 * A 12-week course, three runs a week, that ended a week ago: `runs` of them done (36 for the whole course: Monday
 * with the group, Wednesday and Saturday alone; 2 for a course that barely started), each at noon UTC (the same day
 * in any time zone a browser here runs in), with `restingChecks` resting HRV checks (intake, middle, end).
 */
export function clientCourse(options: {
  runnerId: string;
  name: string;
  runs: number;
  restingChecks: number;
  nowWallMs?: number;
}): ClientCourseFixture {
  const now = options.nowWallMs ?? Date.now();
  const today = Date.UTC(
    new Date(now).getUTCFullYear(),
    new Date(now).getUTCMonth(),
    new Date(now).getUTCDate(),
  );
  const start = today - (12 * 7 + 7) * dayMs;
  const noon = (day: number) => start + day * dayMs + 12 * 3_600_000;
  const sessions: SessionWithSamples[] = [];
  const days = Array.from({ length: 12 }, (_, week) => [0, 2, 5].map((day) => week * 7 + day)).flat();
  for (const [index, day] of days.slice(0, options.runs).entries()) {
    const week = Math.floor(day / 7);
    const run = syntheticRun({
      id: `${options.runnerId}-run-${String(index + 1)}`,
      startedAtWallMs: noon(day),
      durationS: 600 + week * 60,
      bpm: 138,
      runnerId: options.runnerId,
      runnerName: options.name,
    });
    sessions.push({
      ...run,
      meta: {
        ...run.meta,
        ...(day % 7 === 0 && { group: { groupId: `group-week-${String(week + 1)}`, size: 6 } }),
        before: { feeling: week < 4 ? -1 : 1, arousal: 4 },
        after: { feeling: week < 4 ? 2 : 3, arousal: 3 },
        exertion: week < 6 ? 4 : 3,
      },
    });
  }
  const checks = [
    { day: -3, bpm: 68, rmssdMs: 38 },
    { day: 41, bpm: 64, rmssdMs: 46 },
    { day: 83, bpm: 61, rmssdMs: 55 },
  ].slice(0, options.restingChecks);
  for (const check of checks) {
    const resting = syntheticRun({
      id: `${options.runnerId}-rest-${String(check.day)}`,
      startedAtWallMs: noon(check.day) - 3 * 3_600_000,
      durationS: 300,
      bpm: check.bpm,
      runnerId: options.runnerId,
      runnerName: options.name,
    });
    const { zone: _zone, before: _before, after: _after, exertion: _exertion, ...meta } = resting.meta;
    sessions.push({
      ...resting,
      meta: {
        ...meta,
        kind: 'resting',
        summary: {
          durationMs: 300_000,
          activeMs: 300_000,
          averageHeartRateBpm: check.bpm,
          beatCount: 320,
          rmssdMs: check.rmssdMs,
          artifactPct: 0.4,
        },
      },
    });
  }
  return {
    profile: { id: options.runnerId, name: options.name, ageYears: 44, maxHrSource: 'tanaka' },
    record: {
      runnerId: options.runnerId,
      goals: 'Sleep better and feel calmer at work.',
      course: { weeks: 12, startDate: isoDay(start), runsPerWeek: 3 },
      notes:
        options.runs > 2
          ? [
              {
                id: 'note-1',
                writtenAtWallMs: noon(4),
                text: 'Nervous before the first group run; laughed after.',
              },
              {
                id: 'note-2',
                writtenAtWallMs: noon(60),
                text: 'Ran the last ten minutes without a walk break.',
              },
            ]
          : [],
      ...(options.runs > 2 && {
        intake: {
          date: isoDay(start - 3 * dayMs),
          answers: {
            'heart-or-lung-disease': 'no',
            'chest-pain': 'no',
            'fainting-or-dizziness': 'no',
            'bone-or-joint-problem': 'no',
            'heart-rate-medication': 'no',
            pregnancy: 'no',
            'supervised-exercise-advice': 'no',
            'anything-else': 'no',
          },
          details: {},
          heartRateBlockingMedication: false,
          ageYears: 44,
          advice: ['sports-medical-check'],
          feelingAtRest: 0,
          arousalAtRest: 4,
        },
      }),
      updatedAtWallMs: now,
    },
    sessions,
  };
}

/** The page printed to PDF by Chromium (`Page.printToPDF`, the page's own @page size), and its text page by page. */
export async function printedPages(
  page: Page,
): Promise<{ pages: string[]; widthPt: number; heightPt: number }> {
  const cdp = await page.context().newCDPSession(page);
  const { data } = (await cdp.send('Page.printToPDF', { preferCSSPageSize: true })) as { data: string };
  await cdp.detach();
  const document = await getDocument({ data: new Uint8Array(Buffer.from(data, 'base64')) }).promise;
  const pages: string[] = [];
  let widthPt = 0;
  let heightPt = 0;
  for (let number = 1; number <= document.numPages; number++) {
    const pdfPage = await document.getPage(number);
    if (number === 1) [, , widthPt, heightPt] = pdfPage.view as [number, number, number, number];
    const content = await pdfPage.getTextContent();
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
        .join('')
        .replace(/[ \t]+/gu, ' '),
    );
  }
  await document.destroy();
  return { pages, widthPt, heightPt };
}
