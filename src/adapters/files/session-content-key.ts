import { backupSessionOf } from './backup';
import type { SessionWithSamples } from './session-with-samples';
import { stableHashOfText } from './stable-hash';

/**
 * A key of a session's whole content (its record and every sample), as a backup or client file writes it: two
 * sessions with the same key are the same session, exactly. Used to tell a session already on the device from one
 * with the same id that changed since (notes added, feelings given later).
 */
export function sessionContentKey(session: SessionWithSamples): string {
  return stableHashOfText(JSON.stringify(backupSessionOf(session)));
}
