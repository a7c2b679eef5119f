/**
 * What recording a run, a breathing exercise or a resting check needs and home does not: the recorder, the coach with its cue
 * players, the breathing session, the DFA-a1 calibration and the course plans. `AppState` imports this module the
 * first time a run screen opens or a run starts (and prefetches it once home is idle), so the first screen does not
 * download it. Static imports of these files elsewhere in the entry chunk would pull them back in: import types only.
 */
export { RunRecording } from './run-recording.svelte';
export { RunCoach } from './run-coach.svelte';
export { CalibrationRun } from './calibration-run.svelte';
export { BreathingSession } from './breathing-session.svelte';
export { RestingCheck } from './resting-check.svelte';
export { BreathCues } from './breath-cues';
export { plannedRun, zoneForRunner } from './run-choice';
export { courseOfLength, courseOfPlan, progressFromHistory } from './course';
export { BREATHING_BLOCKS_SUFFIX } from '../core/coaching/run-plan';
export { RunnerRun } from './runner-run.svelte';
export { RunGroup } from './run-group.svelte';
export { GroupSetup, rememberedDevice, rememberStrapOwner } from './group-setup.svelte';
export { AttentionAlert } from '../adapters/cues/attention-alert';
