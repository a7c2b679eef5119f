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
  /** A seated resting HRV check; `runnerId` preselects whose check it is (`#/resting?runner=<id>`). */
  | { screen: 'resting'; runnerId?: string }
  /** A therapist's group run: putting it together, the live tiles, and after it. */
  | { screen: 'group' }
  | { screen: 'group-run' }
  | { screen: 'group-after' }
  /**
   * A live-share invitation (`#/join?v=1&…`, its query kept whole: the server's address holds slashes), or with an
   * empty query the screen to scan or paste one.
   */
  | { screen: 'join'; query: string }
  /** The therapist's clients: the list, one client's page, and their intake. */
  | { screen: 'clients' }
  | { screen: 'client'; runnerId: string }
  | { screen: 'client-intake'; runnerId: string }
  /** A client's printable course evaluation. */
  | { screen: 'client-report'; runnerId: string };

export function parseRoute(hash: string): Route {
  const join = /^#?\/?join(?:\?(.*))?$/su.exec(hash);
  if (join) return { screen: 'join', query: join[1] ?? '' };
  const [path = '', query = ''] = hash.replace(/^#\/?/u, '').split('?', 2);
  const parts = path.split('/').filter(Boolean).map(safeDecode);
  const [first, second, third] = parts;
  switch (first) {
    case 'resting': {
      const runnerId = new URLSearchParams(query).get('runner');
      return runnerId ? { screen: 'resting', runnerId } : { screen: 'resting' };
    }
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
      if (second === undefined) return { screen: 'clients' };
      if (third === 'intake') return { screen: 'client-intake', runnerId: second };
      if (third === 'report') return { screen: 'client-report', runnerId: second };
      return { screen: 'client', runnerId: second };
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
    case 'resting':
      return route.runnerId === undefined
        ? '#/resting'
        : `#/resting?${new URLSearchParams({ runner: route.runnerId }).toString()}`;
    case 'group':
      return '#/group';
    case 'group-run':
      return '#/group/run';
    case 'group-after':
      return '#/group/after';
    case 'client-report':
      return `#/clients/${encodeURIComponent(route.runnerId)}/report`;
    case 'clients':
      return '#/clients';
    case 'client':
      return `#/clients/${encodeURIComponent(route.runnerId)}`;
    case 'client-intake':
      return `#/clients/${encodeURIComponent(route.runnerId)}/intake`;
    case 'join':
      return route.query === '' ? '#/join' : `#/join?${route.query}`;
  }
}

/** A malformed escape (`%E0`) in a typed address keeps its text rather than throwing. */
function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
