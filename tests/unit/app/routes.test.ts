import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, type Route } from '../../../src/app/routes';

describe('routes', () => {
  const routes: Route[] = [
    { screen: 'home' },
    { screen: 'before-run' },
    { screen: 'run' },
    { screen: 'after-run', sessionId: 'a b/c' },
    { screen: 'history' },
    { screen: 'session', sessionId: '2026-11-29T07:15:00Z-x1' },
    { screen: 'profile' },
    { screen: 'course' },
    { screen: 'settings' },
    { screen: 'breathing' },
    { screen: 'privacy' },
    { screen: 'group' },
    { screen: 'group-run' },
    { screen: 'group-after' },
    { screen: 'join', query: '' },
    { screen: 'join', query: 'v=1&s=wss%3A%2F%2Fnats.example.org&g=abc&by=Anna%20%2F%20Bo' },
    { screen: 'resting' },
    { screen: 'resting', runnerId: 'runner 1/ä&b' },
    { screen: 'clients' },
    { screen: 'client', runnerId: '0b5e-4f/a b' },
    { screen: 'client-intake', runnerId: '0b5e-4f/a b' },
    { screen: 'client-report', runnerId: 'runner 1/ä' },
  ];

  it.each(routes)('round-trips %o through the hash', (route) => {
    expect(parseRoute(routeHash(route))).toEqual(route);
  });

  it('opens the breathing exercise at #/breathing', () => {
    expect(routeHash({ screen: 'breathing' })).toBe('#/breathing');
    expect(parseRoute('#/breathing')).toEqual({ screen: 'breathing' });
  });

  it('opens the group run at #/group, its tiles at #/group/run and what follows at #/group/after', () => {
    expect(parseRoute('#/group')).toEqual({ screen: 'group' });
    expect(parseRoute('#/group/run')).toEqual({ screen: 'group-run' });
    expect(parseRoute('#/group/after')).toEqual({ screen: 'group-after' });
    expect(parseRoute('#/group/elsewhere')).toEqual({ screen: 'group' });
  });

  it("keeps an invitation's query whole, slashes and all, and opens the scanner without one", () => {
    expect(parseRoute('#/join?v=1&s=wss://nats.example.org/ws&by=A/B')).toEqual({
      screen: 'join',
      query: 'v=1&s=wss://nats.example.org/ws&by=A/B',
    });
    expect(parseRoute('#/join')).toEqual({ screen: 'join', query: '' });
    expect(parseRoute('#/joined')).toEqual({ screen: 'home' });
  });

  it('opens the resting check at #/resting, with ?runner= preselecting whose check it is', () => {
    expect(routeHash({ screen: 'resting' })).toBe('#/resting');
    expect(parseRoute('#/resting')).toEqual({ screen: 'resting' });
    expect(routeHash({ screen: 'resting', runnerId: 'r-1' })).toBe('#/resting?runner=r-1');
    expect(parseRoute('#/resting?runner=r-1')).toEqual({ screen: 'resting', runnerId: 'r-1' });
    expect(parseRoute('#/resting?runner=')).toEqual({ screen: 'resting' });
    expect(parseRoute('#/resting?other=1')).toEqual({ screen: 'resting' });
  });

  it('keeps a malformed escape as typed rather than failing', () => {
    expect(parseRoute('#/session/%E0%A4%A')).toEqual({ screen: 'session', sessionId: '%E0%A4%A' });
  });

  it('opens the clients at #/clients, a client at #/clients/<id> and their intake at #/clients/<id>/intake', () => {
    expect(parseRoute('#/clients')).toEqual({ screen: 'clients' });
    expect(parseRoute('#/clients/r1')).toEqual({ screen: 'client', runnerId: 'r1' });
    expect(parseRoute('#/clients/r1/intake')).toEqual({ screen: 'client-intake', runnerId: 'r1' });
    expect(routeHash({ screen: 'client-intake', runnerId: 'r1' })).toBe('#/clients/r1/intake');
    expect(parseRoute('#/clients/r1/elsewhere')).toEqual({ screen: 'client', runnerId: 'r1' });
  });

  it('opens a client’s evaluation at #/clients/<runnerId>/report', () => {
    expect(routeHash({ screen: 'client-report', runnerId: 'r-42' })).toBe('#/clients/r-42/report');
    expect(parseRoute('#/clients/r-42/report')).toEqual({ screen: 'client-report', runnerId: 'r-42' });
  });

  it('sends an unknown or empty hash home', () => {
    expect(parseRoute('')).toEqual({ screen: 'home' });
    expect(parseRoute('#/nowhere')).toEqual({ screen: 'home' });
  });

  it('falls back to history for a session link without an id', () => {
    expect(parseRoute('#/session')).toEqual({ screen: 'history' });
  });
});
