import type { ShareFrame } from '../../core/share/share-frames';
import type { ShareGroupCounts } from './share-group-feed';
import type { ShareLinkState } from './share-link';

/** What the page asks of the share group's worker. */
export type ShareGroupRequest =
  | {
      type: 'open';
      serverUrl: string;
      user?: string;
      password?: string;
      /** The connection's name on the server: the role, never a person's. */
      name: string;
      groupId: string;
      /** The group's 32 key bytes, from the invitation the page holds anyway. */
      keyBytes: Uint8Array;
    }
  | { type: 'close' };

/** An opened frame as it crosses to the page: its arrival time on the wall-based clock both sides share. */
export interface ShareFrameArrival {
  runnerShareId: string;
  frame: ShareFrame;
  /** performance.timeOrigin + performance.now() in the worker when it came; the page subtracts its own origin. */
  receivedAtOriginMs: number;
}

/** What the worker tells the page. */
export type ShareGroupReport =
  | { type: 'state'; state: ShareLinkState }
  | { type: 'frames'; frames: ShareFrameArrival[] }
  | { type: 'counts'; counts: ShareGroupCounts }
  | { type: 'closed' };
