import type { SessionStorage } from '../adapters/storage/session-storage';
import type { ShareOutcome } from '../adapters/files/share-or-download';
import { calendarDateOf } from '../core/clients/calendar-days';
import type { ClientCourse, ClientRecord } from '../core/clients/client-record';
import {
  participantCodes,
  researchRow,
  researchRowNeedsSamples,
  type ResearchRow,
} from '../core/clients/research-rows';
import { loadSessionWithSamples } from './session-files';

/** A client the research export can take: one with a course. */
export interface ResearchClient {
  runnerId: string;
  /** The name or pseudonym, for the therapist's choice on screen only: it never goes into the file. */
  name: string;
  course: ClientCourse;
}

/** The clients with a course, oldest course first, named from their profiles (the id when none is left). */
export function researchClients(
  records: readonly ClientRecord[],
  nameOf: (runnerId: string) => string | undefined,
): ResearchClient[] {
  return records
    .flatMap((record) =>
      record.course
        ? [
            {
              runnerId: record.runnerId,
              name: nameOf(record.runnerId) ?? record.runnerId,
              course: record.course,
            },
          ]
        : [],
    )
    .sort((a, b) => a.course.startDate.localeCompare(b.course.startDate) || a.name.localeCompare(b.name));
}

export interface ResearchExportResult {
  rows: ResearchRow[];
  clients: number;
}

/**
 * One row for every finished session of the chosen clients, by participant code and then in time order. A session
 * whose samples must be read (see researchRowNeedsSamples) is used for its row and let go, so a large group never
 * sits in memory at once.
 */
export async function collectResearchRows(
  sessions: SessionStorage,
  clients: readonly ResearchClient[],
): Promise<ResearchExportResult> {
  const codes = participantCodes(clients.map((client) => client.runnerId));
  const ordered = [...clients].sort((a, b) =>
    (codes.get(a.runnerId) ?? '').localeCompare(codes.get(b.runnerId) ?? ''),
  );
  const rows: ResearchRow[] = [];
  for (const client of ordered) {
    const code = codes.get(client.runnerId) ?? '';
    const entries = await sessions.listHistory({ runnerId: client.runnerId });
    for (const entry of [...entries].reverse()) {
      if (entry.status !== 'finished') continue;
      // The summary carries the figures; only a session stored before it carried the time domain is read whole.
      const meta = await sessions.getSession(entry.id);
      if (!meta) continue;
      const session = researchRowNeedsSamples(meta)
        ? await loadSessionWithSamples(sessions, entry.id)
        : { meta };
      if (!session) continue;
      rows.push(
        researchRow(code, client.course, {
          ...session,
          startDate: calendarDateOf(session.meta.startedAtWallMs),
        }),
      );
    }
  }
  return { rows, clients: ordered.length };
}

/** Writes the CSV of the chosen clients and shares or downloads it. */
export async function exportResearchCsv(
  sessions: SessionStorage,
  clients: readonly ResearchClient[],
  nowWallMs: number = Date.now(),
): Promise<{ outcome: ShareOutcome; sessions: number; clients: number }> {
  const [{ shareOrDownload }, { exportFileName }, { exportMimeTypes }, { researchCsv }, result] =
    await Promise.all([
      import('../adapters/files/share-or-download'),
      import('../adapters/files/export-file-names'),
      import('../adapters/files/export-mime-types'),
      import('../adapters/files/research-csv'),
      collectResearchRows(sessions, clients),
    ]);
  const outcome = await shareOrDownload({
    name: exportFileName(nowWallMs, 'csv', 'calm-run-research'),
    mimeType: exportMimeTypes.csv,
    data: researchCsv(result.rows),
  });
  return { outcome, sessions: result.rows.length, clients: result.clients };
}
