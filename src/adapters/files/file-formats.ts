/** The format id a client file names itself by (see client-file.ts); a backup's import recognises it by this. */
export const clientFileFormat = 'calm-run-client';
