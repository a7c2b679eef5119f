import type { LostReason } from '../../core/strap/connection-state';

/**
 * Maps what Chrome throws from requestDevice and GATT calls to a reason the UI can explain in one sentence.
 * Chrome reports a cancelled chooser and a switched-off adapter both as NotFoundError, told apart by the message.
 */
export function classifyBluetoothError(error: unknown): { reason: LostReason; detail: string } {
  const name = error instanceof Error || error instanceof DOMException ? error.name : 'Error';
  const detail = error instanceof Error || error instanceof DOMException ? error.message : String(error);
  if (name === 'NotFoundError') {
    if (/adapter|bluetooth.*(off|not available|unavailable)/iu.test(detail))
      return { reason: 'bluetooth-off', detail };
    if (/service/iu.test(detail)) return { reason: 'no-heart-rate-service', detail };
    return { reason: 'chooser-cancelled', detail };
  }
  if (name === 'SecurityError' || name === 'NotAllowedError') return { reason: 'permission-denied', detail };
  if (name === 'NotSupportedError' && /service|characteristic/iu.test(detail)) {
    return { reason: 'no-heart-rate-service', detail };
  }
  return { reason: 'connect-failed', detail };
}
