import { describe, expect, it } from 'vitest';
import {
  connectSrcDirective,
  defaultServerUrl,
  parseShareServerSources,
  serverAllowedBy,
  withShareServersInCsp,
} from '../../../../src/core/share/share-servers';

const page = `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; connect-src 'self'; worker-src 'self'" />`;

describe('the build-time share servers', () => {
  it('allows only the app itself when none are set', () => {
    expect(parseShareServerSources(undefined)).toEqual([]);
    expect(parseShareServerSources('  ')).toEqual([]);
    expect(withShareServersInCsp(page, [])).toBe(page);
  });

  it('widens connect-src by exactly the practice servers, each once', () => {
    const sources = parseShareServerSources(
      'wss://NATS.example.org, wss://nats2.example.org:8443 wss://nats.example.org',
    );
    expect(connectSrcDirective(sources)).toBe(
      "connect-src 'self' wss://nats.example.org wss://nats2.example.org:8443",
    );
    expect(withShareServersInCsp(page, sources)).toBe(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; connect-src 'self' wss://nats.example.org wss://nats2.example.org:8443; worker-src 'self'" />`,
    );
  });

  it('takes any port on loopback for the tests', () => {
    expect(connectSrcDirective(parseShareServerSources('ws://127.0.0.1:*'))).toBe(
      "connect-src 'self' ws://127.0.0.1:*",
    );
  });

  it('fails the build on anything but a plain wss origin, or ws on loopback', () => {
    for (const setting of [
      'ws://nats.example.org',
      'https://nats.example.org',
      '*',
      'wss://*.example.org',
      'wss://nats.example.org/path',
      "wss://nats.example.org; script-src 'unsafe-inline'",
      "'unsafe-eval'",
      'wss://nats.example.org"',
      'data:',
    ])
      expect(() => parseShareServerSources(setting), setting).toThrow(/CALM_RUN_SHARE_SERVERS/u);
  });

  it('refuses a page without exactly one connect-src to widen', () => {
    expect(() => withShareServersInCsp('<html></html>', [])).toThrow(/found 0/u);
    expect(() => withShareServersInCsp(`${page}${page}`, [])).toThrow(/found 2/u);
  });

  it('says whether an invitation server is reachable under the build, as CSP matches it', () => {
    const sources = parseShareServerSources('wss://nats.example.org ws://127.0.0.1:*');
    expect(serverAllowedBy(sources, 'wss://nats.example.org')).toBe(true);
    expect(serverAllowedBy(sources, 'wss://nats.example.org:443/ws')).toBe(true);
    expect(serverAllowedBy(sources, 'wss://nats.example.org:8443')).toBe(false);
    expect(serverAllowedBy(sources, 'wss://other.example.org')).toBe(false);
    expect(serverAllowedBy(sources, 'ws://127.0.0.1:41234')).toBe(true);
    expect(serverAllowedBy(sources, 'ws://localhost:41234')).toBe(false);
    expect(serverAllowedBy([], 'wss://nats.example.org')).toBe(false);
  });

  it('prefills the first server with a fixed port', () => {
    expect(defaultServerUrl(parseShareServerSources('ws://127.0.0.1:* wss://nats.example.org'))).toBe(
      'wss://nats.example.org',
    );
    expect(defaultServerUrl(parseShareServerSources('ws://127.0.0.1:*'))).toBe('');
  });
});
