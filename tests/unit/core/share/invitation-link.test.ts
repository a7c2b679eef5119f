import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../../../../src/core/share/base64url';
import {
  invitationLink,
  invitationProblem,
  parseInvitationLink,
  type InvitationRefusal,
} from '../../../../src/core/share/invitation-link';
import { newGroupId, newShareInvitation } from '../../../../src/core/share/new-share-invitation';
import type { ShareInvitation } from '../../../../src/core/share/share-invitation';

const key = Uint8Array.from({ length: 32 }, (_, index) => index * 7 + 1);
const invitation: ShareInvitation = {
  serverUrl: 'wss://nats.example.org',
  groupId: 'k3x9q2m7w4t8z6r5b1n0',
  key,
  user: 'runner',
  password: 'p&ss=w#rd/?',
  invitedBy: 'Praktijk de Linde',
};
const appUrl = 'https://calmrun.example/app/';

function refusalOf(link: string): InvitationRefusal | undefined {
  const parsed = parseInvitationLink(link);
  return parsed.ok ? undefined : parsed.refusal;
}

/** The link of `invitation` with one query part replaced (or removed, with undefined). */
function withPart(name: string, value: string | undefined): string {
  const [base = '', query = ''] = invitationLink(appUrl, invitation).split('#/join?');
  const parts = query.split('&').filter((part) => !part.startsWith(`${name}=`));
  if (value !== undefined) parts.push(`${name}=${encodeURIComponent(value)}`);
  return `${base}#/join?${parts.join('&')}`;
}

describe('base64url', () => {
  it('writes RFC 4648 §5 test vectors without padding and reads them back', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg'],
      ['fo', 'Zm8'],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg'],
      ['fooba', 'Zm9vYmE'],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of vectors) {
      const bytes = new TextEncoder().encode(plain);
      expect(toBase64Url(bytes)).toBe(encoded);
      expect(fromBase64Url(encoded)).toEqual(bytes);
    }
    expect(toBase64Url(Uint8Array.of(0xfb, 0xff))).toBe('-_8');
  });

  it('refuses padding, other alphabets, impossible lengths and a second spelling', () => {
    for (const text of ['Zg==', 'Zm9v+', 'Zm9v/', 'Z', 'Zm9vY', 'Zh', 'a b'])
      expect(fromBase64Url(text)).toBeUndefined();
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
      }),
    );
  });
});

describe('the invitation link', () => {
  it('puts every part in the fragment of the app address, nothing in its path or query', () => {
    const link = invitationLink('https://calmrun.example/app/?old=1#/history', invitation);
    expect(link).toBe(
      'https://calmrun.example/app/#/join?v=1&s=wss%3A%2F%2Fnats.example.org&g=k3x9q2m7w4t8z6r5b1n0' +
        `&k=${toBase64Url(key)}&u=runner&p=p%26ss%3Dw%23rd%2F%3F&by=Praktijk%20de%20Linde`,
    );
    const url = new URL(link);
    expect(url.pathname).toBe('/app/');
    expect(url.search).toBe('');
    expect(url.hash.startsWith('#/join?v=1&')).toBe(true);
  });

  it('reads back the invitation from the link, the hash or the route', () => {
    const link = invitationLink(appUrl, invitation);
    const hash = link.slice(link.indexOf('#'));
    for (const text of [link, hash, hash.slice(1), `  ${link}\n`])
      expect(parseInvitationLink(text)).toEqual({ ok: true, invitation });
  });

  it('leaves the login out when there is none', () => {
    const { user: _user, password: _password, ...open } = invitation;
    const link = invitationLink(appUrl, open);
    expect(link).not.toContain('&u=');
    expect(parseInvitationLink(link)).toEqual({ ok: true, invitation: open });
  });

  it('reads a name written with + for spaces, as URLSearchParams writes it', () => {
    expect(parseInvitationLink(withPart('by', 'x').replace('by=x', 'by=Anna+de+Vries'))).toMatchObject({
      ok: true,
      invitation: { invitedBy: 'Anna de Vries' },
    });
  });

  it('refuses what is not an invitation', () => {
    for (const text of ['', 'https://calmrun.example/', '#/history', '#/joining?v=1', 'hello'])
      expect(refusalOf(text)).toBe('not-an-invitation');
    expect(refusalOf(`${withPart('g', 'k3x9q2m7w4t8z6r5b1n0')}&g=k3x9q2m7w4t8z6r5b1n1`)).toBe(
      'not-an-invitation',
    );
    expect(refusalOf(withPart('by', 'x').replace('by=x', 'by=%E0%A4%A'))).toBe('not-an-invitation');
  });

  it('refuses another version by name', () => {
    expect(refusalOf(withPart('v', '2'))).toBe('wrong-version');
    expect(refusalOf(withPart('v', undefined))).toBe('wrong-version');
    expect(refusalOf(withPart('v', '01'))).toBe('wrong-version');
  });

  it('accepts wss anywhere and ws only on this device', () => {
    for (const server of [
      'ws://127.0.0.1:4222',
      'ws://localhost:8080',
      'ws://[::1]:9000',
      'wss://10.0.0.2:443/nats',
    ])
      expect(refusalOf(withPart('s', server)), server).toBeUndefined();
    expect(parseInvitationLink(withPart('s', 'WSS://NATS.Example.org:8443'))).toMatchObject({
      ok: true,
      invitation: { serverUrl: 'wss://nats.example.org:8443' },
    });
    for (const server of [
      'ws://nats.example.org',
      'ws://192.168.1.5:4222',
      'https://nats.example.org',
      'http://127.0.0.1:4222',
      'javascript:alert(1)',
      'wss://user:pass@nats.example.org',
      'wss://nats.example.org?token=1',
      'wss://nats.example.org#x',
      'wss://nats.example.org:0',
      'wss://nats.example.org:70000',
      'wss://-bad.example.org',
      'wss://nats..example.org',
      'wss:// nats.example.org',
      'wss://nats.example.org/a b',
      '',
      `wss://${'a'.repeat(300)}.org`,
    ])
      expect(refusalOf(withPart('s', server)), server).toBe('bad-server');
  });

  it('refuses a group id that is not 16 to 32 of [a-z0-9]', () => {
    for (const group of [
      'short',
      'K3X9Q2M7W4T8Z6R5B1N0',
      'k3x9q2m7w4t8z6r5b1n0.>',
      'a'.repeat(33),
      'k3x9q2m7w4t8z6r5 b1n0',
    ])
      expect(refusalOf(withPart('g', group)), group).toBe('bad-group');
    expect(refusalOf(withPart('g', undefined))).toBe('bad-group');
  });

  it('refuses a key that is not exactly 32 bytes of base64url', () => {
    for (const bad of [
      toBase64Url(key.slice(0, 31)),
      `${toBase64Url(key)}A`,
      `${toBase64Url(key)}=`,
      toBase64Url(key).replace('A', '+'),
    ])
      expect(refusalOf(withPart('k', bad)), bad).toBe('bad-key');
    expect(refusalOf(withPart('k', undefined))).toBe('bad-key');
  });

  it('refuses half a login, or one with control characters', () => {
    expect(refusalOf(withPart('p', undefined))).toBe('bad-login');
    expect(refusalOf(withPart('u', undefined))).toBe('bad-login');
    expect(refusalOf(withPart('u', ''))).toBe('bad-login');
    expect(refusalOf(withPart('u', 'run\nner'))).toBe('bad-login');
  });

  it('refuses a missing inviter, and a name that would lie on screen', () => {
    expect(refusalOf(withPart('by', undefined))).toBe('missing-inviter');
    expect(refusalOf(withPart('by', '   '))).toBe('missing-inviter');
    for (const name of ['Anna\u202Eevil', 'Anna\u0000', 'a'.repeat(81), 'Anna\u2066x\u2069'])
      expect(refusalOf(withPart('by', name)), JSON.stringify(name)).toBe('bad-inviter');
    expect(parseInvitationLink(withPart('by', '  Anna  '))).toMatchObject({
      ok: true,
      invitation: { invitedBy: 'Anna' },
    });
    expect(parseInvitationLink(withPart('by', 'José <b>Zoë</b> 🏃'))).toMatchObject({
      ok: true,
      invitation: { invitedBy: 'José <b>Zoë</b> 🏃' },
    });
  });

  it('refuses to write a link the app would refuse to read', () => {
    expect(() => invitationLink(appUrl, { ...invitation, key: key.slice(1) })).toThrow(/bad-key/u);
    expect(() => invitationLink(appUrl, { ...invitation, serverUrl: 'ws://nats.example.org' })).toThrow(
      /bad-server/u,
    );
    expect(() => invitationLink(appUrl, { ...invitation, invitedBy: ' Anna' })).toThrow(/bad-inviter/u);
  });
});

describe('the invitation link, over any invitation and any hostile text', () => {
  const safeText = (maxLength: number) =>
    fc
      .string({ unit: 'grapheme', minLength: 1, maxLength })
      .filter((text) => text.trim() === text && text !== '');
  const validInvitation = fc.record(
    {
      serverUrl: fc.constantFrom(
        'wss://nats.example.org',
        'wss://10.1.2.3:8443/ws',
        'ws://127.0.0.1:4222',
        'ws://localhost:1',
      ),
      groupId: fc.stringMatching(/^[a-z0-9]{16,32}$/u),
      key: fc.uint8Array({ minLength: 32, maxLength: 32 }),
      user: safeText(40),
      password: safeText(40),
      invitedBy: safeText(80),
    },
    { requiredKeys: ['serverUrl', 'groupId', 'key', 'invitedBy'] },
  );

  it('round-trips every invitation it accepts', () => {
    fc.assert(
      fc.property(validInvitation, (candidate) => {
        fc.pre(invitationProblem(candidate) === undefined);
        expect(parseInvitationLink(invitationLink(appUrl, candidate))).toEqual({
          ok: true,
          invitation: candidate,
        });
      }),
    );
  });

  it('never throws on any text, and whatever it accepts writes back to a link that reads the same', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.webUrl({ withFragments: true })),
        (text) => {
          for (const candidate of [
            text,
            `#/join?${text}`,
            withPart('by', text),
            withPart('s', text),
            withPart('k', text),
          ]) {
            const parsed = parseInvitationLink(candidate);
            if (parsed.ok)
              expect(parseInvitationLink(invitationLink(appUrl, parsed.invitation))).toEqual(parsed);
          }
        },
      ),
    );
  });
});

describe('a new share group', () => {
  it('has a random 24-character id of [a-z2-7] and a 32-byte key, and makes a valid link', () => {
    let counter = 0;
    const randomBytes = (length: number) => Uint8Array.from({ length }, () => (counter++ * 37) & 0xff);
    const made = newShareInvitation(
      {
        serverUrl: ' WSS://Nats.Example.org ',
        invitedBy: ' Anna ',
        runnerUser: 'runner',
        runnerPassword: 'secret',
      },
      randomBytes,
    );
    expect(made.groupId).toMatch(/^[a-z2-7]{24}$/u);
    expect(made.key).toHaveLength(32);
    expect(made).toMatchObject({
      serverUrl: 'wss://nats.example.org',
      invitedBy: 'Anna',
      user: 'runner',
      password: 'secret',
    });
    expect(invitationProblem(made)).toBeUndefined();
    expect(
      newShareInvitation({ serverUrl: 'wss://a.org', invitedBy: 'A', runnerUser: 'x' }, randomBytes),
    ).not.toHaveProperty('user');
  });

  it('spells all 120 bits: ids of different bytes differ', () => {
    const zeros = newGroupId((length) => new Uint8Array(length));
    const lastBit = newGroupId((length) =>
      Uint8Array.from({ length }, (_, index) => (index === length - 1 ? 1 : 0)),
    );
    expect(zeros).toBe('a'.repeat(24));
    expect(lastBit).not.toBe(zeros);
  });
});
