import {
  parseShareServerSource,
  parseShareServerUrl,
  shareServerSourceText,
  sourceAllows,
  type ShareServerSource,
} from './share-server-url';

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
  if (found !== 1) throw new Error(`index.html should have one "connect-src 'self'" directive, found ${found}`);
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
