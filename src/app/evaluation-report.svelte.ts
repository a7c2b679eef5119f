import { ClientStore } from '../adapters/storage/client-store';
import type { CustomCourse } from '../adapters/storage/preferences-store';
import type { SessionStorage } from '../adapters/storage/session-storage';
import type { ClientRecord } from '../core/clients/client-record';
import { courseWeeks, type CourseWeeks } from '../core/clients/course-weeks';
import { evaluationReport, type EvaluationReport } from '../core/clients/evaluation-report';
import type { RunnerProfile } from '../core/zones/runner-profile';
import type { AppState } from './app-state.svelte';
import { courseWeeksOptions } from './course-weeks-options';

/**
 * The User Timing mark the report screen sets once every section and chart of a loaded report is in the page: the
 * bench times navigation to it (tests/bench/report.bench.ts).
 */
export const reportDrawnMark = 'calm-run:report-drawn';

/** Where the client record comes from: the ClientStore, opened for the load and closed after. */
export interface ClientRecordSource {
  get(runnerId: string): Promise<ClientRecord | undefined>;
  close(): void;
}

export interface EvaluationReportSources {
  sessions: Pick<SessionStorage, 'listHistory'>;
  openClients: () => Promise<ClientRecordSource>;
  runners: () => readonly RunnerProfile[];
  customCourse: () => CustomCourse | undefined;
  /** Wall-clock now, ms. */
  now?: () => number;
}

export type EvaluationReportLoad =
  | { status: 'loading' }
  | { status: 'ready'; report: EvaluationReport; weeks: CourseWeeks | undefined }
  | { status: 'not-found' }
  | { status: 'failed' };

/** One client's evaluation: their profile, client record and sessions, read once and built into the report. */
export class EvaluationReportState {
  load = $state.raw<EvaluationReportLoad>({ status: 'loading' });
  readonly #sources: EvaluationReportSources;

  constructor(sources: EvaluationReportSources) {
    this.#sources = sources;
  }

  async open(runnerId: string): Promise<void> {
    this.load = { status: 'loading' };
    try {
      const clients = await this.#sources.openClients();
      let record: ClientRecord | undefined;
      try {
        record = await clients.get(runnerId);
      } finally {
        clients.close();
      }
      if (!record) {
        this.load = { status: 'not-found' };
        return;
      }
      const sessions = await this.#sources.sessions.listHistory({ runnerId });
      const profile = this.#sources.runners().find((runner) => runner.id === runnerId);
      // A profile removed from this device still has its name in the sessions it ran (newest first).
      const clientName = profile?.name ?? sessions.find((session) => session.runnerName)?.runnerName;
      const options = courseWeeksOptions(this.#sources.customCourse(), this.#sources.now?.() ?? Date.now());
      this.load = {
        status: 'ready',
        report: evaluationReport({ clientName, record, sessions, options }),
        weeks: record.course && courseWeeks(record.course, sessions, options),
      };
    } catch {
      this.load = { status: 'failed' };
    }
  }
}

/**
 * The report of the app's own storage and profiles; undefined while the session store is not open (yet). Call
 * once the preferences are loaded (the report screen opens after them).
 */
export function appEvaluationReport(app: AppState): EvaluationReportState | undefined {
  const sessions = app.library.store;
  if (!sessions) return undefined;
  const preferences = app.preferences;
  return new EvaluationReportState({
    sessions,
    openClients: () => ClientStore.open(),
    runners: () => preferences.value.runners,
    customCourse: () => preferences.value.customCourse,
  });
}
