import type { Clock } from '../heart-rate-source';
import { openNatsLink, type NatsLinkOptions } from './nats-link';
import { ShareCipher } from './share-cipher';
import type { MessagePortLike } from '../platform/worker-port';
import type { ShareGroupReport, ShareGroupRequest } from './share-group-messages';
import { ShareGroupOpener } from './share-group-opener';
import type { ShareLink } from './share-link';

/**
 * The worker's side of a share group: the link to the server, every message opened with the group key, and the
 * frames handed to the page in batches (share-group-opener.ts). Here, not on the page, because with a large group
 * each message is a task of its own (the socket's, then the decryption's): the page now wakes about ten times a
 * second for all of them.
 */
export function serveShareGroup(
  port: MessagePortLike<ShareGroupReport, ShareGroupRequest>,
  openLink: (options: NatsLinkOptions) => ShareLink = openNatsLink,
): void {
  let link: ShareLink | undefined;
  let opener: ShareGroupOpener | undefined;
  let closing = false;
  port.addEventListener('message', (event) => {
    const request = event.data;
    if (request.type === 'open') {
      if (link || closing) return;
      const { keyBytes, groupId, type: _type, ...linkOptions } = request;
      const opened = openLink(linkOptions);
      link = opened;
      opened.onState((state) => {
        if (!closing) port.postMessage({ type: 'state', state });
      });
      void ShareCipher.fromRawKey(keyBytes).then((cipher) => {
        if (closing) return;
        opener = new ShareGroupOpener({ link: opened, cipher, groupId, clock: originClock });
        opener.start(
          (frames) => {
            port.postMessage({
              type: 'frames',
              frames: frames.map(({ runnerShareId, frame, receivedAtMs }) => ({
                runnerShareId,
                frame,
                receivedAtOriginMs: receivedAtMs,
              })),
            });
          },
          (counts) => {
            port.postMessage({ type: 'counts', counts });
          },
        );
      });
      return;
    }
    closing = true;
    opener?.stop();
    void (link?.close() ?? Promise.resolve()).then(() => {
      port.postMessage({ type: 'closed' });
    });
  });
}

/** Times on performance.timeOrigin + performance.now(): comparable across the worker and the page. */
const originClock: Clock = {
  monotonicMs: () => performance.timeOrigin + performance.now(),
  wallClockMs: () => Date.now(),
  setTimeout: (callback, delayMs) => {
    const handle = setTimeout(callback, delayMs);
    return () => {
      clearTimeout(handle);
    };
  },
};
