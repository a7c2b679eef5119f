/**
 * What a therapist's invitation to live share carries, all of it in the link's fragment (never sent in a request):
 * where the practice's NATS server is, which share group, the group's key, and the runner role's credentials.
 * The server sees only the random group id and ciphertext; the key never leaves the two devices.
 */
export interface ShareInvitation {
  /** The practice's NATS WebSocket URL, `wss://…` (or `ws://` on loopback for tests). */
  serverUrl: string;
  /** Random id of the share group: a subject token, `[a-z0-9]`, 16 to 32 characters. */
  groupId: string;
  /** The group's AES-GCM 256-bit key, raw bytes (32). */
  key: Uint8Array;
  /** The runner role's NATS user and password (publish-only on share subjects), when the server asks for them. */
  user?: string;
  password?: string;
  /** Who invites: the therapist's or practice's name, shown to the runner before they agree. */
  invitedBy: string;
}

/** The subject prefix of every live-share message: `calmrun.share.<groupId>.<runnerShareId>.<hr|presence>`. */
export const SHARE_SUBJECT_PREFIX = 'calmrun.share';
