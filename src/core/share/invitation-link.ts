import { fromBase64Url, toBase64Url } from './base64url';
import type { ShareInvitation } from './share-invitation';
import { parseShareServerUrl, shareServerUrlText } from './share-servers';

/**
 * An invitation as a link to the app whose every part, secrets included, is in the fragment:
 * `https://app.example/#/join?v=1&s=wss%3A%2F%2Fnats.example&g=<group>&k=<key>&u=<user>&p=<password>&by=<name>`.
 * A browser never sends a fragment in a request, so opening the link tells the app's own server nothing; the app
 * reads it on the device. `v` is the link's version: a later app that changes the link's shape refuses old ones
 * by name rather than misreading them.
 */
export const INVITATION_LINK_VERSION = 1;

/** The app's route for an invitation (src/app/routes.ts): `#/join?…`. */
export const JOIN_ROUTE = '/join';

/** Why a link is not an invitation the app can accept, each said to the runner in words of its own. */
export type InvitationRefusal =
  /** No `#/join?…`, a part given twice, or text that does not decode. */
  | 'not-an-invitation'
  /** Made by a newer (or unknown) version of the app. */
  | 'wrong-version'
  /** The server is not a `wss://` address (or `ws://` on this device), or has more than a plain address in it. */
  | 'bad-server'
  | 'bad-group'
  /** The key is not 32 bytes of base64url. */
  | 'bad-key'
  /** A user without a password or the other way round, or either of them unusable. */
  | 'bad-login'
  | 'missing-inviter'
  /** The name is too long or holds control or direction-changing characters that would make it lie on screen. */
  | 'bad-inviter';

export type InvitationParse =
  { ok: true; invitation: ShareInvitation } | { ok: false; refusal: InvitationRefusal };

export const GROUP_ID_PATTERN = /^[a-z0-9]{16,32}$/u;
export const KEY_BYTES = 32;
export const MAX_INVITER_LENGTH = 80;
export const MAX_LOGIN_LENGTH = 128;

// C0 and C1 controls, and the Unicode bidirectional controls that can reorder what a name shows.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const unsafeCharacters = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

function checkLogin(value: string | undefined): boolean {
  return (
    value === undefined ||
    (value.length > 0 && value.length <= MAX_LOGIN_LENGTH && !unsafeCharacters.test(value))
  );
}

/** What is wrong with an invitation, or undefined when a link made of it will be accepted as it is. */
export function invitationProblem(invitation: ShareInvitation): InvitationRefusal | undefined {
  const server = parseShareServerUrl(invitation.serverUrl);
  if (!server || shareServerUrlText(server) !== invitation.serverUrl) return 'bad-server';
  if (!GROUP_ID_PATTERN.test(invitation.groupId)) return 'bad-group';
  if (invitation.key.length !== KEY_BYTES) return 'bad-key';
  if ((invitation.user === undefined) !== (invitation.password === undefined)) return 'bad-login';
  if (!checkLogin(invitation.user) || !checkLogin(invitation.password)) return 'bad-login';
  const invitedBy = invitation.invitedBy;
  if (invitedBy.trim() === '') return 'missing-inviter';
  // Spaces around the name would not survive the link (it is read trimmed): the app trims what was typed.
  if (
    invitedBy.length > MAX_INVITER_LENGTH ||
    unsafeCharacters.test(invitedBy) ||
    invitedBy !== invitedBy.trim()
  )
    return 'bad-inviter';
  return undefined;
}

/** The fragment's query: `v=1&s=…&g=…&k=…[&u=…&p=…]&by=…`. Throws on an invitation that would be refused. */
export function invitationQuery(invitation: ShareInvitation): string {
  const problem = invitationProblem(invitation);
  if (problem) throw new Error(`Not a valid invitation: ${problem}`);
  const parts: [string, string][] = [
    ['v', String(INVITATION_LINK_VERSION)],
    ['s', invitation.serverUrl],
    ['g', invitation.groupId],
    ['k', toBase64Url(invitation.key)],
  ];
  if (invitation.user !== undefined && invitation.password !== undefined)
    parts.push(['u', invitation.user], ['p', invitation.password]);
  parts.push(['by', invitation.invitedBy]);
  return parts.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&');
}

/**
 * The link to give the runner: the app's address (origin and path, e.g. `https://app.example/`) with the invitation
 * in its fragment. Whatever query or fragment `appUrl` had is dropped.
 */
export function invitationLink(appUrl: string, invitation: ShareInvitation): string {
  const base = appUrl.replace(/[?#].*$/su, '');
  return `${base}#${JOIN_ROUTE}?${invitationQuery(invitation)}`;
}

/** The `#/join?…` part of a link, a hash, or undefined when there is none. */
function joinQueryOf(text: string): string | undefined {
  const hashAt = text.indexOf('#');
  const fragment = hashAt >= 0 ? text.slice(hashAt + 1) : text;
  const route = fragment.startsWith('/') ? fragment : `/${fragment}`;
  if (!route.startsWith(`${JOIN_ROUTE}?`)) return undefined;
  return route.slice(JOIN_ROUTE.length + 1);
}

function decodeParameters(query: string): Map<string, string> | undefined {
  const parameters = new Map<string, string>();
  for (const part of query.split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const name = equals >= 0 ? part.slice(0, equals) : part;
    const raw = equals >= 0 ? part.slice(equals + 1) : '';
    if (parameters.has(name)) return undefined;
    try {
      // `+` as a space, as URLSearchParams writes it; the app itself writes %20.
      parameters.set(name, decodeURIComponent(raw.replaceAll('+', ' ')));
    } catch {
      return undefined;
    }
  }
  return parameters;
}

/**
 * Reads an invitation from a whole link (`https://…/#/join?…`), a hash (`#/join?…`) or the route (`/join?…`), as
 * pasted, scanned or opened. Every part is checked; the first that fails is the refusal.
 */
export function parseInvitationLink(text: string): InvitationParse {
  const refuse = (refusal: InvitationRefusal): InvitationParse => ({ ok: false, refusal });
  const query = joinQueryOf(text.trim());
  if (query === undefined) return refuse('not-an-invitation');
  const parameters = decodeParameters(query);
  if (!parameters) return refuse('not-an-invitation');
  if (parameters.get('v') !== String(INVITATION_LINK_VERSION)) return refuse('wrong-version');
  const server = parseShareServerUrl(parameters.get('s') ?? '');
  if (!server) return refuse('bad-server');
  const groupId = parameters.get('g') ?? '';
  if (!GROUP_ID_PATTERN.test(groupId)) return refuse('bad-group');
  const key = fromBase64Url(parameters.get('k') ?? '');
  if (key?.length !== KEY_BYTES) return refuse('bad-key');
  const user = parameters.get('u');
  const password = parameters.get('p');
  const invitation: ShareInvitation = {
    serverUrl: shareServerUrlText(server),
    groupId,
    key,
    ...(user !== undefined && { user }),
    ...(password !== undefined && { password }),
    invitedBy: (parameters.get('by') ?? '').trim(),
  };
  const problem = invitationProblem(invitation);
  return problem ? refuse(problem) : { ok: true, invitation };
}
