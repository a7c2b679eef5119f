import { SHARE_SUBJECT_PREFIX } from '../../core/share/share-invitation';

/** What a runner's message is about: its readings or its presence. */
export type ShareTopic = 'hr' | 'presence';

/** A random subject token: the server sees it and nothing else about who runs. */
const idPattern = /^[a-z0-9]{8,32}$/;

export function shareSubject(groupId: string, runnerShareId: string, topic: ShareTopic): string {
  return `${SHARE_SUBJECT_PREFIX}.${groupId}.${runnerShareId}.${topic}`;
}

/** Every message of a share group: what the therapist's side subscribes to. */
export function shareGroupSubject(groupId: string): string {
  return `${SHARE_SUBJECT_PREFIX}.${groupId}.>`;
}

/** The runner and topic of a subject in `groupId`; undefined for anything else. */
export function parseShareSubject(
  groupId: string,
  subject: string,
): { runnerShareId: string; topic: ShareTopic } | undefined {
  const prefix = `${SHARE_SUBJECT_PREFIX}.${groupId}.`;
  if (!subject.startsWith(prefix)) return undefined;
  const [runnerShareId, topic, ...rest] = subject.slice(prefix.length).split('.');
  if (rest.length > 0 || runnerShareId === undefined || !idPattern.test(runnerShareId)) return undefined;
  if (topic !== 'hr' && topic !== 'presence') return undefined;
  return { runnerShareId, topic };
}

/** A new random id for a subject token: `bytes` random bytes as lowercase hex. */
export function randomShareId(bytes = 8): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
}
