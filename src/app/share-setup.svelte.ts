import { loadShareSettings, saveShareSettings } from '../adapters/storage/share-store';
import { copyText } from '../adapters/platform/clipboard';
import type { QrCodePicture } from '../adapters/share/qr-code';
import { invitationLink, invitationProblem } from '../core/share/invitation-link';
import type { ShareServerSettings } from '../core/share/new-share-invitation';
import type { ShareInvitation } from '../core/share/share-invitation';
import { parseShareServerUrl, type ShareServerSource } from '../core/share/share-servers';
import { buildAllowsServer, buildDefaultServerUrl, buildShareServers } from './share-build';

/** Why no invitation was made, each said next to the field it is about. */
export type ShareSetupProblem =
  /** Not a wss:// address (or ws:// on this device). */
  | 'bad-server'
  /** This build's CSP does not let the app reach the server: it must be built with it. */
  | 'server-not-in-build'
  | 'missing-name'
  | 'bad-name'
  /** Only one of the runners' user and password given. */
  | 'half-login'
  /** Only one of this device's therapist user and password given. */
  | 'half-therapist-login'
  /** The server could not be reached to open the group. */
  | 'failed';

/** An invitation ready to show: its link, the QR code of the link, and what the runner will be told. */
export interface ShownInvitation {
  link: string;
  qr: QrCodePicture;
  serverUrl: string;
  invitedBy: string;
}

export interface ShareSetupOptions {
  /** Opens a new share group on the server and listens for its runners (AppState.openLiveShare). */
  open: (settings: ShareServerSettings) => Promise<ShareInvitation>;
  /** The app's address (origin and path) the invitation links to. */
  appUrl: string;
  sources?: readonly ShareServerSource[];
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
  copy?: (text: string) => Promise<boolean>;
}

/**
 * The therapist's "Live share" section of the group screen: the practice's server, who invites and the logins (typed
 * once, kept on this device), and the invitation of the share group just opened, shown as a QR code and a link with
 * a copy button.
 */
export class ShareSetup {
  serverUrl = $state('');
  invitedBy = $state('');
  runnerUser = $state('');
  runnerPassword = $state('');
  therapistUser = $state('');
  therapistPassword = $state('');
  problem = $state<ShareSetupProblem | undefined>();
  creating = $state(false);
  /** The settings could not be kept on this device: the invitation works all the same. */
  settingsNotSaved = $state(false);
  shown = $state.raw<ShownInvitation | undefined>();
  copied = $state<'copied' | 'failed' | undefined>();
  readonly #options: ShareSetupOptions;

  constructor(options: ShareSetupOptions) {
    this.#options = options;
    const stored = options.storage ? loadShareSettings(options.storage) : loadShareSettings();
    this.serverUrl = stored?.serverUrl || buildDefaultServerUrl(options.sources ?? buildShareServers);
    this.invitedBy = stored?.invitedBy ?? '';
    this.runnerUser = stored?.runnerUser ?? '';
    this.runnerPassword = stored?.runnerPassword ?? '';
    this.therapistUser = stored?.therapistUser ?? '';
    this.therapistPassword = stored?.therapistPassword ?? '';
  }

  #settings(): ShareServerSettings {
    const user = this.runnerUser.trim();
    const therapistUser = this.therapistUser.trim();
    return {
      serverUrl: this.serverUrl.trim(),
      invitedBy: this.invitedBy.trim(),
      ...(user !== '' && { runnerUser: user }),
      ...(this.runnerPassword !== '' && { runnerPassword: this.runnerPassword }),
      ...(therapistUser !== '' && { therapistUser }),
      ...(this.therapistPassword !== '' && { therapistPassword: this.therapistPassword }),
    };
  }

  #check(settings: ShareServerSettings): ShareSetupProblem | undefined {
    if (!parseShareServerUrl(settings.serverUrl)) return 'bad-server';
    if (!buildAllowsServer(settings.serverUrl, this.#options.sources ?? buildShareServers))
      return 'server-not-in-build';
    if (settings.invitedBy === '') return 'missing-name';
    if ((settings.runnerUser === undefined) !== (settings.runnerPassword === undefined)) return 'half-login';
    if ((settings.therapistUser === undefined) !== (settings.therapistPassword === undefined))
      return 'half-therapist-login';
    return undefined;
  }

  /** Opens a new share group and shows its invitation; the settings are kept for next time. */
  async create(): Promise<void> {
    const settings = this.#settings();
    this.problem = this.#check(settings);
    if (this.problem) return;
    const { storage } = this.#options;
    this.settingsNotSaved = !(storage ? saveShareSettings(settings, storage) : saveShareSettings(settings));
    this.creating = true;
    this.copied = undefined;
    try {
      const invitation = await this.#options.open(settings);
      const problem = invitationProblem(invitation);
      if (problem) {
        this.problem = problem === 'bad-inviter' || problem === 'missing-inviter' ? 'bad-name' : 'failed';
        return;
      }
      const link = invitationLink(this.#options.appUrl, invitation);
      const { qrCodePicture } = await import('../adapters/share/qr-code');
      this.shown = {
        link,
        qr: qrCodePicture(link),
        serverUrl: invitation.serverUrl,
        invitedBy: invitation.invitedBy,
      };
    } catch {
      this.problem = 'failed';
    } finally {
      this.creating = false;
    }
  }

  async copyLink(): Promise<void> {
    if (!this.shown) return;
    this.copied = (await (this.#options.copy ?? copyText)(this.shown.link)) ? 'copied' : 'failed';
  }
}
