import type { SessionWithSamples } from '../adapters/files/session-with-samples';
import type { ShareOutcome } from '../adapters/files/share-or-download';

export type ExportFormat = 'fit' | 'tcx' | 'csv' | 'rr' | 'json';

export const appVersion = '0.1.0';

/**
 * Writes one session in the chosen format and shares or downloads it. The writers (FIT SDK and friends) load
 * only when a runner exports, never at start-up. Call it straight from the click, to keep the user activation
 * that sharing needs.
 */
export async function exportSession(
  session: SessionWithSamples,
  format: ExportFormat,
): Promise<ShareOutcome> {
  const [{ shareOrDownload }, { exportFileName }, { exportMimeTypes }] = await Promise.all([
    import('../adapters/files/share-or-download'),
    import('../adapters/files/export-file-names'),
    import('../adapters/files/export-mime-types'),
  ]);
  const start = session.meta.startedAtWallMs;
  switch (format) {
    case 'fit': {
      const { exportFit } = await import('../adapters/files/fit-export');
      const data = exportFit(session);
      return shareOrDownload({ name: exportFileName(start, 'fit'), mimeType: exportMimeTypes.fit, data });
    }
    case 'tcx': {
      const { exportTcx } = await import('../adapters/files/tcx-export');
      const data = exportTcx(session);
      return shareOrDownload({ name: exportFileName(start, 'tcx'), mimeType: exportMimeTypes.tcx, data });
    }
    case 'csv': {
      const { exportCsv } = await import('../adapters/files/csv-export');
      const data = exportCsv(session);
      return shareOrDownload({ name: exportFileName(start, 'csv'), mimeType: exportMimeTypes.csv, data });
    }
    case 'rr': {
      const { exportRrText } = await import('../adapters/files/csv-export');
      const data = exportRrText(session);
      return shareOrDownload({
        name: exportFileName(start, 'txt', 'calm-run-rr'),
        mimeType: exportMimeTypes.txt,
        data,
      });
    }
    case 'json':
      return exportBackupFile([session], start);
  }
}

/** Everything (or one unsaved run) as one versioned JSON backup. */
export async function exportBackupFile(
  sessions: readonly SessionWithSamples[],
  nowWallMs: number = Date.now(),
): Promise<ShareOutcome> {
  const [{ shareOrDownload }, { exportFileName }, { exportMimeTypes }, { exportBackup }] = await Promise.all([
    import('../adapters/files/share-or-download'),
    import('../adapters/files/export-file-names'),
    import('../adapters/files/export-mime-types'),
    import('../adapters/files/backup'),
  ]);
  return shareOrDownload({
    name: exportFileName(nowWallMs, 'json', 'calm-run-backup'),
    mimeType: exportMimeTypes.json,
    data: exportBackup(sessions, appVersion),
  });
}
