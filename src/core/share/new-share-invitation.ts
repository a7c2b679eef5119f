import { KEY_BYTES } from './invitation-link';
import type { ShareInvitation } from './share-invitation';
import { parseShareServerUrl, shareServerUrlText } from './share-servers';

/**
 * What the therapist sets once for live share: the practice's server, who invites, the runner role's login (carried
 * in every invitation) and this device's own therapist login (never in an invitation).
 */
export interface ShareServerSettings {
  serverUrl: string;
  invitedBy: string;
  runnerUser?: string;
  runnerPassword?: string;
  therapistUser?: string;
  therapistPassword?: string;
}

/** `randomBytes(n)`: n bytes from a cryptographically strong source (crypto.getRandomValues in the app). */
export type RandomBytes = (length: number) => Uint8Array;

const base32Alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
/** 15 random bytes: 120 bits, written as 24 base32 characters, all in `[a-z0-9]`, a NATS subject token as it is. */
const groupIdBytes = 15;

/** A new share group's id: 24 characters of `[a-z2-7]` from 120 random bits, without bias. */
export function newGroupId(randomBytes: RandomBytes): string {
  const bytes = randomBytes(groupIdBytes);
  let id = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      id += base32Alphabet.charAt((buffer >> bits) & 31);
    }
  }
  return id;
}

/**
 * A new share group: a random id and a random 256-bit key, made on the therapist's device; the key leaves it only
 * inside the invitation's fragment.
 */
export function newShareInvitation(settings: ShareServerSettings, randomBytes: RandomBytes): ShareInvitation {
  const user = settings.runnerUser?.trim();
  const server = parseShareServerUrl(settings.serverUrl.trim());
  return {
    // In its one spelling, so the link reads back exactly; an address the link refuses is left for it to refuse.
    serverUrl: server ? shareServerUrlText(server) : settings.serverUrl.trim(),
    groupId: newGroupId(randomBytes),
    key: randomBytes(KEY_BYTES),
    ...(user && settings.runnerPassword ? { user, password: settings.runnerPassword } : {}),
    invitedBy: settings.invitedBy.trim(),
  };
}
