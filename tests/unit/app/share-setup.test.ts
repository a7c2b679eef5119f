import { describe, expect, it } from 'vitest';
import { loadShareSettings } from '../../../src/adapters/storage/share-store';
import { parseInvitationLink } from '../../../src/core/share/invitation-link';
import { newShareInvitation, type ShareServerSettings } from '../../../src/core/share/new-share-invitation';
import type { ShareInvitation } from '../../../src/core/share/share-invitation';
import { parseShareServerSources } from '../../../src/core/share/share-servers';
import { randomBytes } from '../../../src/adapters/platform/random-bytes';
import { ShareSetup, type ShareSetupOptions } from '../../../src/app/share-setup.svelte';
import { MemoryStorage } from '../support/memory-storage';

const sources = parseShareServerSources('wss://nats.example.org ws://127.0.0.1:*');

function setup(options: Partial<ShareSetupOptions> = {}) {
  const storage = options.storage ?? new MemoryStorage();
  const copied: string[] = [];
  const shareSetup = new ShareSetup({
    // As the live-share host opens a group: a new invitation of the settings (its server is not asked here).
    open: (settings) => Promise.resolve(newShareInvitation(settings, randomBytes)),
    appUrl: 'https://calmrun.example/',
    sources,
    storage,
    copy: (text) => {
      copied.push(text);
      return Promise.resolve(true);
    },
    ...options,
  });
  return { shareSetup, storage, copied };
}

describe("the therapist's live share section", () => {
  it("prefills the build's server, and keeps what was typed for next time", async () => {
    const { shareSetup, storage } = setup();
    expect(shareSetup.serverUrl).toBe('wss://nats.example.org');
    shareSetup.invitedBy = ' Anna de Vries ';
    await shareSetup.create();
    expect(shareSetup.problem).toBeUndefined();
    expect(loadShareSettings(storage)).toEqual({
      serverUrl: 'wss://nats.example.org',
      invitedBy: 'Anna de Vries',
    });
    const again = setup({ storage }).shareSetup;
    expect([again.serverUrl, again.invitedBy]).toEqual(['wss://nats.example.org', 'Anna de Vries']);
  });

  it('shows an invitation whose link reads back, with its QR code, and copies the link', async () => {
    const { shareSetup, copied } = setup();
    shareSetup.invitedBy = 'Anna';
    shareSetup.runnerUser = 'runner';
    shareSetup.runnerPassword = 'secret';
    await shareSetup.create();
    const shown = shareSetup.shown;
    if (!shown) throw new Error('no invitation shown');
    expect(shown.link.startsWith('https://calmrun.example/#/join?v=1&')).toBe(true);
    const parsed = parseInvitationLink(shown.link);
    expect(parsed).toMatchObject({
      ok: true,
      invitation: { invitedBy: 'Anna', user: 'runner', password: 'secret' },
    });
    expect(shown.qr.size).toBeGreaterThan(21);
    expect(shown.qr.path).toMatch(/^M\d/u);
    await shareSetup.copyLink();
    expect(copied).toEqual([shown.link]);
    expect(shareSetup.copied).toBe('copied');
  });

  it('makes a new group, with a new key, each time', async () => {
    const { shareSetup } = setup();
    shareSetup.invitedBy = 'Anna';
    await shareSetup.create();
    const first = shareSetup.shown?.link;
    await shareSetup.create();
    expect(shareSetup.shown?.link).not.toBe(first);
  });

  it('asks the live-share host to open the group, with the therapist login kept on this device', async () => {
    const asked: ShareServerSettings[] = [];
    const invitation: ShareInvitation = {
      serverUrl: 'ws://127.0.0.1:4222',
      groupId: 'hostmadegroupid1234',
      key: new Uint8Array(32),
      invitedBy: 'Anna',
    };
    const { shareSetup, storage } = setup({
      open: (settings) => {
        asked.push(settings);
        return Promise.resolve(invitation);
      },
    });
    shareSetup.serverUrl = 'ws://127.0.0.1:4222';
    shareSetup.invitedBy = 'Anna';
    shareSetup.therapistUser = 'therapist';
    shareSetup.therapistPassword = 't-secret';
    await shareSetup.create();
    const settings = {
      serverUrl: 'ws://127.0.0.1:4222',
      invitedBy: 'Anna',
      therapistUser: 'therapist',
      therapistPassword: 't-secret',
    };
    expect(asked).toEqual([settings]);
    expect(loadShareSettings(storage)).toEqual(settings);
    expect(shareSetup.shown?.link).toContain('g=hostmadegroupid1234');
    // The therapist's own login never travels in the invitation.
    expect(shareSetup.shown?.link).not.toContain('t-secret');
  });

  it('says what to fix, and makes nothing', async () => {
    const cases: [
      Partial<Pick<ShareSetup, 'serverUrl' | 'invitedBy' | 'runnerUser' | 'therapistPassword'>>,
      string,
    ][] = [
      [{ serverUrl: 'https://nats.example.org', invitedBy: 'Anna' }, 'bad-server'],
      [{ serverUrl: 'ws://nats.example.org', invitedBy: 'Anna' }, 'bad-server'],
      [{ serverUrl: 'wss://other.example.org', invitedBy: 'Anna' }, 'server-not-in-build'],
      [{ invitedBy: '  ' }, 'missing-name'],
      [{ invitedBy: 'Anna', runnerUser: 'runner' }, 'half-login'],
      [{ invitedBy: 'Anna', therapistPassword: 'secret' }, 'half-therapist-login'],
      [{ invitedBy: 'Anna\u202E' }, 'bad-name'],
    ];
    for (const [fields, problem] of cases) {
      const { shareSetup } = setup();
      Object.assign(shareSetup, fields);
      await shareSetup.create();
      expect(shareSetup.problem, JSON.stringify(fields)).toBe(problem);
      expect(shareSetup.shown).toBeUndefined();
    }
  });

  it('says so when the host cannot open the group', async () => {
    const { shareSetup } = setup({
      open: () => Promise.reject(new Error('unreachable')),
    });
    shareSetup.invitedBy = 'Anna';
    await shareSetup.create();
    expect(shareSetup.problem).toBe('failed');
    expect(shareSetup.creating).toBe(false);
  });

  it('shows the invitation even when the settings cannot be kept', async () => {
    const storage = new MemoryStorage();
    storage.refuseWrites = true;
    const { shareSetup } = setup({ storage });
    shareSetup.invitedBy = 'Anna';
    await shareSetup.create();
    expect(shareSetup.settingsNotSaved).toBe(true);
    expect(shareSetup.shown).toBeDefined();
  });
});
