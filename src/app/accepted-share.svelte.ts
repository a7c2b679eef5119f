import { forgetAcceptedInvitation, loadAcceptedInvitation } from '../adapters/storage/share-store';

/**
 * The invitation this runner agreed to, as the before-run screen shows it: who their runs are shared with, and
 * the way to stop sharing future runs. The live-share engine reads the invitation itself through the share store.
 */
export class AcceptedShare {
  invitedBy = $state<string | undefined>(loadAcceptedInvitation()?.invitation.invitedBy);
  /** Set once the runner has stopped sharing here, to say so. */
  forgotten = $state(false);

  forget(): void {
    forgetAcceptedInvitation();
    this.invitedBy = undefined;
    this.forgotten = true;
  }
}
