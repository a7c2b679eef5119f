import { describe, expect, it } from 'vitest';
import {
  forgetAcceptedInvitation,
  loadAcceptedInvitation,
  loadShareSettings,
  saveAcceptedInvitation,
  saveShareSettings,
} from '../../../../src/adapters/storage/share-store';
import type { ShareInvitation } from '../../../../src/core/share/share-invitation';
import { MemoryStorage } from '../../support/memory-storage';

const invitation: ShareInvitation = {
  serverUrl: 'wss://nats.example.org',
  groupId: 'abcdefghij234567abcd',
  key: Uint8Array.from({ length: 32 }, (_, index) => index),
  invitedBy: 'Anna',
};

describe('live share storage', () => {
  it('keeps the therapist settings, and reads none from damaged text', () => {
    const storage = new MemoryStorage();
    expect(loadShareSettings(storage)).toBeUndefined();
    const settings = {
      serverUrl: 'wss://nats.example.org',
      invitedBy: 'Anna',
      runnerUser: 'r',
      runnerPassword: 'p',
    };
    expect(saveShareSettings(settings, storage)).toBe(true);
    expect(loadShareSettings(storage)).toEqual(settings);
    storage.setItem('calm-run.share-settings', '{"serverUrl": 3');
    expect(loadShareSettings(storage)).toBeUndefined();
    storage.setItem(
      'calm-run.share-settings',
      JSON.stringify({ serverUrl: 'x'.repeat(301), invitedBy: 'A' }),
    );
    expect(loadShareSettings(storage)).toBeUndefined();
  });

  it('keeps the accepted invitation through the link checks, and forgets it', () => {
    const storage = new MemoryStorage();
    expect(saveAcceptedInvitation({ invitation, acceptedAtWallMs: 1000 }, storage)).toBe(true);
    expect(loadAcceptedInvitation(storage)).toEqual({ invitation, acceptedAtWallMs: 1000 });
    forgetAcceptedInvitation(storage);
    expect(loadAcceptedInvitation(storage)).toBeUndefined();
  });

  it('reads a tampered invitation as none', () => {
    const storage = new MemoryStorage();
    saveAcceptedInvitation({ invitation, acceptedAtWallMs: 1000 }, storage);
    const stored = JSON.parse(storage.getItem('calm-run.share-accepted') ?? '') as { query: string };
    storage.setItem(
      'calm-run.share-accepted',
      JSON.stringify({ ...stored, query: stored.query.replace('wss%3A', 'ws%3A') }),
    );
    expect(loadAcceptedInvitation(storage)).toBeUndefined();
  });

  it('says so when the browser will not store', () => {
    const storage = new MemoryStorage();
    storage.refuseWrites = true;
    expect(saveAcceptedInvitation({ invitation, acceptedAtWallMs: 1 }, storage)).toBe(false);
    expect(saveShareSettings({ serverUrl: '', invitedBy: '' }, storage)).toBe(false);
  });
});
