import type { HistoryEntry } from '../adapters/storage/history-entry';
import type { CustomCourse } from '../adapters/storage/preferences-store';
import type { SessionStorage } from '../adapters/storage/session-storage';
import { calendarDateOf } from '../core/clients/calendar-days';
import type { CalendarDate, ClientCourse, IntakeRecord } from '../core/clients/client-record';
import { courseWeeks, type CourseWeeks } from '../core/clients/course-weeks';
import type { AppState } from './app-state.svelte';
import { courseWeeksOptions } from './course-weeks-options';
import { restingResultView, type RestingResultView } from './resting-result';

/** The resting check that records an intake's starting point, with its figures or why there are none. */
export interface IntakeRestingCheck {
  sessionId: string;
  /** The local day it was taken. */
  date: CalendarDate;
  result: RestingResultView;
}

export interface ClientSessionsSources {
  sessions: () => Pick<SessionStorage, 'listHistory'> | undefined;
  customCourse: () => CustomCourse | undefined;
  /** Wall-clock now, ms. */
  now?: () => number;
}

/**
 * One client's sessions as their page reads them: the course grid (counted as the evaluation counts it) and the
 * resting check of the intake. Read from the light history records, again whenever the caller asks.
 */
export class ClientSessions {
  entries = $state.raw<readonly HistoryEntry[]>([]);
  loadFailed = $state(false);
  readonly #sources: ClientSessionsSources;
  #loading = 0;
  #runnerId: string | undefined;

  constructor(sources: ClientSessionsSources) {
    this.#sources = sources;
  }

  async load(runnerId: string): Promise<void> {
    const store = this.#sources.sessions();
    if (!store) return;
    // A later load (another client, a changed history) wins over one still under way.
    const loading = ++this.#loading;
    // Another client's runs never stand on this client's page, not even while theirs are read.
    if (runnerId !== this.#runnerId) this.entries = [];
    this.#runnerId = runnerId;
    try {
      const entries = await store.listHistory({ runnerId });
      if (loading !== this.#loading) return;
      this.entries = entries;
      this.loadFailed = false;
    } catch {
      if (loading === this.#loading) this.loadFailed = true;
    }
  }

  /** The course week by week, as the evaluation report and the clients list count it. */
  courseWeeks(course: ClientCourse | undefined): CourseWeeks | undefined {
    if (!course) return undefined;
    const options = courseWeeksOptions(this.#sources.customCourse(), this.#sources.now?.() ?? Date.now());
    return courseWeeks(course, this.entries, options);
  }

  /**
   * The intake's resting check: the one the intake names, else the last finished check of the intake day (an
   * accepted one before a refused one: a check is often taken again after too many corrected beats).
   */
  intakeRestingCheck(intake: IntakeRecord | undefined): IntakeRestingCheck | undefined {
    if (!intake) return undefined;
    const checks = this.entries.filter((entry) => entry.kind === 'resting' && entry.status === 'finished');
    const named = checks.find((entry) => entry.id === intake.restingCheckSessionId);
    const viewed = (named ? [named] : checks).flatMap((entry) => {
      const date = calendarDateOf(entry.startedAtWallMs);
      const result = restingResultView(entry.summary);
      return result && (named !== undefined || date === intake.date)
        ? [{ sessionId: entry.id, date, result }]
        : [];
    });
    // History is newest first.
    return viewed.find((check) => check.result.ok) ?? viewed[0];
  }
}

/** A client's sessions from the app's own storage and course settings. */
export function appClientSessions(app: AppState): ClientSessions {
  return new ClientSessions({
    sessions: () => app.library.store,
    customCourse: () => app.preferences.value.customCourse,
  });
}
