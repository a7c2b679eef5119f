import { parseRoute, routeHash, type Route } from './routes';

/** The current screen, kept in step with the address's hash. */
export class Router {
  route = $state.raw<Route>(parseRoute(location.hash));

  constructor() {
    addEventListener('hashchange', () => {
      this.route = parseRoute(location.hash);
    });
  }

  go(route: Route, options: { replace?: boolean } = {}): void {
    const hash = routeHash(route);
    if (options.replace) history.replaceState(null, '', hash);
    else if (location.hash !== hash) history.pushState(null, '', hash);
    this.route = route;
  }

  /**
   * Rewrites the address to the route's without showing it: the screen stays as it is. For an address that held a
   * secret (an invitation's key), so it does not linger in the browser's history once it has been read.
   */
  replaceAddress(route: Route): void {
    history.replaceState(null, '', routeHash(route));
  }
}
