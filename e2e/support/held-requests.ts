import type { Route } from '@playwright/test';

/**
 * A route handler that holds every request it sees until `release()`, then lets them and every
 * later one through: a state that lasts only as long as the network takes stays on screen for the
 * test to look at, however fast or slow the machine is.
 */
export function holdRequests() {
  const held: Route[] = [];
  let holding = true;
  return {
    handler: (route: Route) => (holding ? held.push(route) : route.fallback()),
    async release() {
      holding = false;
      await Promise.all(held.splice(0).map((route) => route.fallback()));
    },
  };
}
