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
const urlPattern = new RegExp(String.raw`^(wss|ws)://${hostPattern}(?::(\d{1,5}))?(/[A-Za-z0-9._~/-]*)?$`, 'iu');
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
