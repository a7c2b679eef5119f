import {
  defaultServerUrl,
  parseShareServerSource,
  serverAllowedBy,
  type ShareServerSource,
} from '../core/share/share-servers';

/** The live-share servers this build's CSP allows (vite.config.ts, CALM_RUN_SHARE_SERVERS). */
export const buildShareServers: readonly ShareServerSource[] = __SHARE_SERVER_SOURCES__.flatMap((text) => {
  const source = parseShareServerSource(text);
  return source ? [source] : [];
});

/** Whether this build may connect to the server: else its CSP would block the connection. */
export function buildAllowsServer(serverUrl: string, sources = buildShareServers): boolean {
  return serverAllowedBy(sources, serverUrl);
}

/** The server to prefill for a therapist who has typed none yet. */
export function buildDefaultServerUrl(sources = buildShareServers): string {
  return defaultServerUrl(sources);
}
