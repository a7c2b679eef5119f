/**
 * Screens live in the address's hash (`#/history`, `#/session/<id>`), so the back button, a reload and the
 * "Start a run" shortcut all land where the user expects, with no server routing.
 */
export type Route =
  | { screen: 'home' }
  | { screen: 'before-run' }
  | { screen: 'run' }
  | { screen: 'after-run'; sessionId: string }
  | { screen: 'history' }
  | { screen: 'session'; sessionId: string }
  | { screen: 'profile' }
  | { screen: 'course' }
  | { screen: 'settings' }
  | { screen: 'breathing' }
  | { screen: 'privacy' }
  /** A therapist's group run: putting it together, the live tiles, and after it. */
  | { screen: 'group' }
  | { screen: 'group-run' }
  | { screen: 'group-after' }
  /** A client's printable course evaluation. */
  | { screen: 'client-report'; runnerId: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/u, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second, third] = parts;
  switch (first) {
    case 'start':
      return { screen: 'before-run' };
    case 'run':
      return { screen: 'run' };
    case 'after':
      return second ? { screen: 'after-run', sessionId: second } : { screen: 'home' };
    case 'history':
      return { screen: 'history' };
    case 'session':
      return second ? { screen: 'session', sessionId: second } : { screen: 'history' };
    case 'profile':
    case 'course':
    case 'settings':
    case 'breathing':
    case 'privacy':
      return { screen: first };
    case 'group':
      if (second === 'run') return { screen: 'group-run' };
      if (second === 'after') return { screen: 'group-after' };
      return { screen: 'group' };
    case 'clients':
      if (second && third === 'report') return { screen: 'client-report', runnerId: second };
      return { screen: 'home' };
    default:
      return { screen: 'home' };
  }
}

export function routeHash(route: Route): string {
  switch (route.screen) {
    case 'home':
      return '#/';
    case 'before-run':
      return '#/start';
    case 'run':
      return '#/run';
    case 'after-run':
      return `#/after/${encodeURIComponent(route.sessionId)}`;
    case 'history':
      return '#/history';
    case 'session':
      return `#/session/${encodeURIComponent(route.sessionId)}`;
    case 'profile':
    case 'course':
    case 'settings':
    case 'breathing':
    case 'privacy':
      return `#/${route.screen}`;
    case 'group':
      return '#/group';
    case 'group-run':
      return '#/group/run';
    case 'group-after':
      return '#/group/after';
    case 'client-report':
      return `#/clients/${encodeURIComponent(route.runnerId)}/report`;
  }
}
