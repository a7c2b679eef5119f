import * as v from 'valibot';
import { invitationQuery, parseInvitationLink } from '../../core/share/invitation-link';
import type { ShareServerSettings } from '../../core/share/new-share-invitation';
import type { ShareInvitation } from '../../core/share/share-invitation';

/**
 * Live share's small settings in localStorage: on a therapist's device the server, who invites and the runner
 * role's login (typed once); on a runner's device the invitation they agreed to, for their next runs. Nothing here
 * is ever sent in a request; "erase everything" clears both with the rest of localStorage.
 */
const settingsKey = 'calm-run.share-settings';
const acceptedKey = 'calm-run.share-accepted';

const text = (maxLength: number) => v.pipe(v.string(), v.maxLength(maxLength));
const settingsSchema = v.object({
  serverUrl: text(300),
  invitedBy: text(80),
  runnerUser: v.optional(text(128)),
  runnerPassword: v.optional(text(128)),
  therapistUser: v.optional(text(128)),
  therapistPassword: v.optional(text(128)),
});
const acceptedSchema = v.object({ query: text(2000), acceptedAtWallMs: v.number() });

function read(storage: Pick<Storage, 'getItem'>, key: string): unknown {
  try {
    const stored = storage.getItem(key);
    return stored === null ? undefined : (JSON.parse(stored) as unknown);
  } catch {
    // Storage switched off, or damaged text: as if nothing were stored.
    return undefined;
  }
}

function write(storage: Pick<Storage, 'setItem'>, key: string, value: unknown): boolean {
  try {
    storage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

/** The therapist's stored share settings, or undefined when none (or none readable) are stored. */
export function loadShareSettings(
  storage: Pick<Storage, 'getItem'> = localStorage,
): ShareServerSettings | undefined {
  const parsed = v.safeParse(settingsSchema, read(storage, settingsKey));
  return parsed.success ? parsed.output : undefined;
}

export function saveShareSettings(
  settings: ShareServerSettings,
  storage: Pick<Storage, 'setItem'> = localStorage,
): boolean {
  return write(storage, settingsKey, settings);
}

/** The invitation this runner agreed to, and when. */
export interface AcceptedInvitation {
  invitation: ShareInvitation;
  acceptedAtWallMs: number;
}

/**
 * The invitation the runner agreed to, read through the same checks as the link it came from: a damaged or
 * hand-edited entry reads as none, never as a half-valid invitation.
 */
export function loadAcceptedInvitation(
  storage: Pick<Storage, 'getItem'> = localStorage,
): AcceptedInvitation | undefined {
  const parsed = v.safeParse(acceptedSchema, read(storage, acceptedKey));
  if (!parsed.success) return undefined;
  const link = parseInvitationLink(`#/join?${parsed.output.query}`);
  return link.ok
    ? { invitation: link.invitation, acceptedAtWallMs: parsed.output.acceptedAtWallMs }
    : undefined;
}

export function saveAcceptedInvitation(
  accepted: AcceptedInvitation,
  storage: Pick<Storage, 'setItem'> = localStorage,
): boolean {
  return write(storage, acceptedKey, {
    query: invitationQuery(accepted.invitation),
    acceptedAtWallMs: accepted.acceptedAtWallMs,
  });
}

/** Forgets the accepted invitation: the next run shares nothing. */
export function forgetAcceptedInvitation(storage: Pick<Storage, 'removeItem'> = localStorage): void {
  try {
    storage.removeItem(acceptedKey);
  } catch {
    // Storage switched off: nothing was stored.
  }
}
