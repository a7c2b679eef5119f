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
  ];

  it.each(routes)('round-trips %o through the hash', (route) => {
    expect(parseRoute(routeHash(route))).toEqual(route);
  });

  it('opens the breathing exercise at #/breathing', () => {
    expect(routeHash({ screen: 'breathing' })).toBe('#/breathing');
    expect(parseRoute('#/breathing')).toEqual({ screen: 'breathing' });
  });

  it('sends an unknown or empty hash home', () => {
    expect(parseRoute('')).toEqual({ screen: 'home' });
    expect(parseRoute('#/nowhere')).toEqual({ screen: 'home' });
  });

  it('falls back to history for a session link without an id', () => {
    expect(parseRoute('#/session')).toEqual({ screen: 'history' });
  });
});
