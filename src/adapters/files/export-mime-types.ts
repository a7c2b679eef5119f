/** MIME types for the exported files, by extension. FIT's is registered with IANA; TCX's is the one Garmin serves. */
export const exportMimeTypes = {
  fit: 'application/vnd.ant.fit',
  tcx: 'application/vnd.garmin.tcx+xml',
  csv: 'text/csv',
  txt: 'text/plain',
  json: 'application/json',
} as const;
