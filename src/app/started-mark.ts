/**
 * The User Timing mark `AppState.start()` sets once the home screen is complete: database open, the resume prompt
 * decided, paired straps listed. A plain module so the bundle bench can name it without loading app state.
 */
export const startedMark = 'calm-run:started';
