import type { InvitationRefusal } from '../../core/share/invitation-link';
import { m } from '../../paraglide/messages.js';

// The words for live share: why an invitation is refused, why the camera cannot scan, why no invitation was made,
// and where a run's share stands.
// Message functions keyed by the value they name, for words chosen at run time: one small module a subject,
// so a screen loads only the words it shows.

export const invitationRefusalsMessages = {
  'not-an-invitation': m.joinRefusals_notAnInvitation,
  'wrong-version': m.joinRefusals_wrongVersion,
  'bad-server': m.joinRefusals_badServer,
  'bad-group': m.joinRefusals_badGroup,
  'bad-key': m.joinRefusals_badKey,
  'bad-login': m.joinRefusals_badLogin,
  'missing-inviter': m.joinRefusals_missingInviter,
  'bad-inviter': m.joinRefusals_badInviter,
} as const satisfies Record<InvitationRefusal, unknown>;

/** Keyed like QrScanProblem (src/adapters/share/qr-scanner.ts). */
export const cameraProblemsMessages = {
  'camera-refused': m.joinCameraProblems_cameraRefused,
  'no-camera': m.joinCameraProblems_noCamera,
  'camera-failed': m.joinCameraProblems_cameraFailed,
} as const;

/** Keyed like ShareSetupProblem (src/app/share-setup.svelte.ts). */
export const shareSetupProblemsMessages = {
  'bad-server': m.shareProblems_badServer,
  'server-not-in-build': m.shareProblems_serverNotInBuild,
  'missing-name': m.shareProblems_missingName,
  'bad-name': m.shareProblems_badName,
  'half-login': m.shareProblems_halfLogin,
  'half-therapist-login': m.shareProblems_halfLogin,
  failed: m.shareProblems_failed,
} as const;

/** Keyed like RunnerShareState (src/app/live-share-runner.svelte.ts). */
export const shareStatesMessages = {
  off: m.shareStates_off,
  connecting: m.shareStates_connecting,
  sharing: m.shareStates_sharing,
  reconnecting: m.shareStates_reconnecting,
} as const;

/** Keyed like ShareLinkState: the therapist's connection to the practice's server. */
export const shareLinkStatesMessages = {
  connecting: m.shareLinkStates_connecting,
  connected: m.shareLinkStates_connected,
  reconnecting: m.shareLinkStates_reconnecting,
  closed: m.shareLinkStates_closed,
} as const;
