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
