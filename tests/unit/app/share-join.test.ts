import { describe, expect, it } from 'vitest';
import { loadAcceptedInvitation } from '../../../src/adapters/storage/share-store';
import { invitationQuery } from '../../../src/core/share/invitation-link';
import type { ShareInvitation } from '../../../src/core/share/share-invitation';
import { parseShareServerSources } from '../../../src/core/share/share-servers';
import { joinRoute, readInvitation, ShareJoin } from '../../../src/app/share-join.svelte';
import { MemoryStorage } from '../support/memory-storage';

const sources = parseShareServerSources('wss://nats.example.org');
const invitation: ShareInvitation = {
  serverUrl: 'wss://nats.example.org',
  groupId: 'abcdefghij234567abcd',
  key: Uint8Array.from({ length: 32 }, (_, index) => 255 - index),
  invitedBy: 'Praktijk de Linde',
};

describe("the runner's consent to an invitation", () => {
  it('keeps the invitation on agreeing, with when', () => {
    const storage = new MemoryStorage();
    const join = new ShareJoin(invitationQuery(invitation), { sources, storage, nowWallMs: () => 1234 });
    expect(join.parsed).toEqual({ ok: true, invitation });
    expect(join.serverReachable).toBe(true);
    expect(join.agree()).toBe(true);
    expect(join.decision).toBe('agreed');
    expect(loadAcceptedInvitation(storage)).toEqual({ invitation, acceptedAtWallMs: 1234 });
  });

  it('keeps nothing on "no thanks"', () => {
    const storage = new MemoryStorage();
    const join = new ShareJoin(invitationQuery(invitation), { sources, storage });
    join.decline();
    expect(join.decision).toBe('declined');
    expect(storage.items.size).toBe(0);
  });

  it('cannot agree to a server this build cannot reach, or to a broken link', () => {
    const storage = new MemoryStorage();
    const elsewhere = new ShareJoin(
      invitationQuery({ ...invitation, serverUrl: 'wss://other.example.org' }),
      {
        sources,
        storage,
      },
    );
    expect(elsewhere.serverReachable).toBe(false);
    expect(elsewhere.agree()).toBe(false);
    const broken = new ShareJoin('v=1&s=wss%3A%2F%2Fnats.example.org&g=short', { sources, storage });
    expect(broken.parsed).toEqual({ ok: false, refusal: 'bad-group' });
    expect(broken.agree()).toBe(false);
    expect(storage.items.size).toBe(0);
  });

  it('says so when the device will not keep it', () => {
    const storage = new MemoryStorage();
    storage.refuseWrites = true;
    const join = new ShareJoin(invitationQuery(invitation), { sources, storage });
    expect(join.agree()).toBe(false);
    expect(join.saveFailed).toBe(true);
    expect(join.decision).toBe('undecided');
  });

  it('reads a pasted link and opens its consent screen', () => {
    const link = `https://calmrun.example/#/join?${invitationQuery(invitation)}`;
    expect(readInvitation(link)).toEqual({ ok: true, invitation });
    expect(joinRoute(invitation)).toEqual({ screen: 'join', query: invitationQuery(invitation) });
  });
});
