import { saveAcceptedInvitation } from '../adapters/storage/share-store';
import { invitationQuery, parseInvitationLink, type InvitationParse } from '../core/share/invitation-link';
import type { ShareInvitation } from '../core/share/share-invitation';
import type { Route } from './routes';
import type { ShareServerSource } from '../core/share/share-servers';
import { buildAllowsServer, buildShareServers } from './share-build';

/** An invitation read from a pasted or scanned link (the app's own `#/join?…` route opens it). */
export function readInvitation(text: string): InvitationParse {
  return parseInvitationLink(text);
}

/** The consent screen of an invitation read from a pasted or scanned link, in its one spelling. */
export function joinRoute(invitation: ShareInvitation): Route {
  return { screen: 'join', query: invitationQuery(invitation) };
}

export interface ShareJoinOptions {
  sources?: readonly ShareServerSource[];
  storage?: Pick<Storage, 'setItem'>;
  nowWallMs?: () => number;
}

/**
 * The runner's consent to an invitation: who invites, which server, what is shared; agreeing keeps the invitation
 * on this device for the runner's next runs (sharing starts only with a run, and stops with one tap).
 */
export class ShareJoin {
  readonly parsed: InvitationParse;
  /** False when this build cannot reach the invitation's server (its CSP would block it): agreeing would not work. */
  readonly serverReachable: boolean;
  decision = $state<'undecided' | 'agreed' | 'declined'>('undecided');
  saveFailed = $state(false);
  readonly #options: ShareJoinOptions;

  constructor(query: string, options: ShareJoinOptions = {}) {
    this.#options = options;
    this.parsed = parseInvitationLink(`#/join?${query}`);
    this.serverReachable =
      this.parsed.ok &&
      buildAllowsServer(this.parsed.invitation.serverUrl, options.sources ?? buildShareServers);
  }

  /** Keeps the invitation for the next runs; false (and nothing kept) when the device would not store it. */
  agree(): boolean {
    if (!this.parsed.ok || !this.serverReachable) return false;
    const accepted = {
      invitation: this.parsed.invitation,
      acceptedAtWallMs: (this.#options.nowWallMs ?? Date.now)(),
    };
    const { storage } = this.#options;
    const saved = storage ? saveAcceptedInvitation(accepted, storage) : saveAcceptedInvitation(accepted);
    this.saveFailed = !saved;
    if (saved) this.decision = 'agreed';
    return saved;
  }

  decline(): void {
    this.decision = 'declined';
  }
}
