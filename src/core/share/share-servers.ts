/*
 * The practice's live-share servers: the address an invitation carries, and the origins a build lets the app reach
 * (its CSP's connect-src). This file imports nothing, so vite.config.ts can load it as it is.
 */

/**
 * The practice's NATS WebSocket address as the app accepts it: `wss://` anywhere, plain `ws://` only on this very
 * device (loopback, for tests and a server beside the browser), never credentials, a query or a fragment in it.
 */
export interface ShareServerAddress {
  scheme: 'wss' | 'ws';
  /** Lower case; an IPv6 address keeps its brackets. */
  host: string;
  /** Undefined for the scheme's default port (443 for wss, 80 for ws). */
  port: number | undefined;
  /** `''` or a path starting with `/`. */
  path: string;
}

/** A server URL or a CSP source longer than this is refused: none a practice types comes close. */
export const MAX_SERVER_URL_LENGTH = 300;

const hostPattern = String.raw`(\[[0-9a-fA-F:.]{2,45}\]|[A-Za-z0-9.-]{1,253})`;
const urlPattern = new RegExp(
  String.raw`^(wss|ws)://${hostPattern}(?::(\d{1,5}))?(/[A-Za-z0-9._~/-]*)?$`,
  'iu',
);
const sourcePattern = new RegExp(String.raw`^(wss|ws)://${hostPattern}(?::(\d{1,5}|\*))?$`, 'iu');
const labelPattern = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/u;

/** Whether a host is this device: `localhost`, `127.x.x.x` or `[::1]`. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/u.test(host);
}

function validHost(host: string): boolean {
  if (host.startsWith('[')) return host.endsWith(']');
  return host.split('.').every((label) => labelPattern.test(label));
}

function validPort(port: string | undefined): port is string | undefined {
  return port === undefined || (Number(port) >= 1 && Number(port) <= 65535);
}

/** The address, or undefined when it is not one the app may connect to (see {@link ShareServerAddress}). */
export function parseShareServerUrl(text: string): ShareServerAddress | undefined {
  if (text.length > MAX_SERVER_URL_LENGTH) return undefined;
  const match = urlPattern.exec(text);
  if (!match) return undefined;
  const [, scheme = '', rawHost = '', port, path = ''] = match;
  const host = rawHost.toLowerCase();
  const secure = scheme.toLowerCase() === 'wss';
  if (!validHost(host) || !validPort(port) || (!secure && !isLoopbackHost(host))) return undefined;
  return { scheme: secure ? 'wss' : 'ws', host, port: port === undefined ? undefined : Number(port), path };
}

/** The address written back as a URL, in its one spelling (lower-case scheme and host). */
export function shareServerUrlText(address: ShareServerAddress): string {
  return `${address.scheme}://${address.host}${address.port === undefined ? '' : `:${address.port}`}${address.path}`;
}

/**
 * One origin a build lets the app connect to, as it stands in the CSP's `connect-src`: `wss://host`, `wss://host:8443`,
 * or on loopback `ws://127.0.0.1:*` (any port: tests start servers on free ones).
 */
export interface ShareServerSource {
  scheme: 'wss' | 'ws';
  host: string;
  /** A port, `'*'` for any, or undefined for the scheme's default. */
  port: number | '*' | undefined;
}

/** The source, or undefined when it is not a wss origin (or a ws one on loopback) with nothing else in it. */
export function parseShareServerSource(text: string): ShareServerSource | undefined {
  if (text.length > MAX_SERVER_URL_LENGTH) return undefined;
  const match = sourcePattern.exec(text);
  if (!match) return undefined;
  const [, scheme = '', rawHost = '', port] = match;
  const host = rawHost.toLowerCase();
  const secure = scheme.toLowerCase() === 'wss';
  if (!validHost(host) || (port !== '*' && !validPort(port)) || (!secure && !isLoopbackHost(host)))
    return undefined;
  return {
    scheme: secure ? 'wss' : 'ws',
    host,
    port: port === '*' ? '*' : port === undefined ? undefined : Number(port),
  };
}

export function shareServerSourceText(source: ShareServerSource): string {
  return `${source.scheme}://${source.host}${source.port === undefined ? '' : `:${String(source.port)}`}`;
}

function defaultPort(scheme: 'wss' | 'ws'): number {
  return scheme === 'wss' ? 443 : 80;
}

/** Whether the CSP source lets the app connect to the address (CSP's own matching of scheme, host and port). */
export function sourceAllows(source: ShareServerSource, address: ShareServerAddress): boolean {
  if (source.scheme !== address.scheme || source.host !== address.host) return false;
  if (source.port === '*') return true;
  return (source.port ?? defaultPort(source.scheme)) === (address.port ?? defaultPort(address.scheme));
}

/**
 * The practice servers a build may connect to, from the build-time setting `CALM_RUN_SHARE_SERVERS` (origins
 * separated by spaces or commas, e.g. `wss://nats.example.org wss://nats2.example.org:8443`). Empty or unset: none,
 * and the CSP stays `connect-src 'self'`. Throws on anything else, so a typo fails the build instead of shipping a
 * policy that blocks the practice's server or allows more than it should.
 */
export function parseShareServerSources(setting: string | undefined): ShareServerSource[] {
  const entries = (setting ?? '').split(/[\s,]+/u).filter((entry) => entry !== '');
  const sources = entries.map((entry) => {
    const source = parseShareServerSource(entry);
    if (!source)
      throw new Error(
        `CALM_RUN_SHARE_SERVERS: "${entry}" is not a wss:// origin (or ws:// on loopback) with nothing after the host and port`,
      );
    return source;
  });
  const texts = sources.map(shareServerSourceText);
  return sources.filter((_source, index) => texts.indexOf(texts[index] ?? '') === index);
}

/** The CSP's `connect-src` directive: the app's own origin and exactly these servers. */
export function connectSrcDirective(sources: readonly ShareServerSource[]): string {
  return ["connect-src 'self'", ...sources.map(shareServerSourceText)].join(' ');
}

/**
 * index.html with its policy's `connect-src 'self'` widened to the servers. The page must have exactly one such
 * directive: anything else throws, so the policy can never silently stay unchanged or be widened twice.
 */
export function withShareServersInCsp(html: string, sources: readonly ShareServerSource[]): string {
  const directive = /connect-src 'self'(?=;|")/gu;
  const found = html.match(directive)?.length ?? 0;
  if (found !== 1)
    throw new Error(`index.html should have one "connect-src 'self'" directive, found ${found}`);
  return html.replace(directive, connectSrcDirective(sources));
}

/** Whether a build with these sources lets the app reach the server (else its CSP would block the connection). */
export function serverAllowedBy(sources: readonly ShareServerSource[], serverUrl: string): boolean {
  const address = parseShareServerUrl(serverUrl);
  return address !== undefined && sources.some((source) => sourceAllows(source, address));
}

/**
 * The address to prefill for a therapist who has typed none: the build's first server with a fixed port (a
 * loopback `:*` source names no server).
 */
export function defaultServerUrl(sources: readonly ShareServerSource[]): string {
  const first = sources.find((source) => source.port !== '*');
  return first ? shareServerSourceText(first) : '';
}
