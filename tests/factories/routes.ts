import type { FastifyInstance, HTTPMethods } from 'fastify';

/** One route as the application registered it: `GET /api/v1/songs/:slug`. */
export interface RegisteredRoute {
  method: HTTPMethods;
  url: string;
}

export const routeKey = (route: RegisteredRoute) => `${route.method} ${route.url}`;

const BRANCH = /^((?:│ {3}| {4})*)(?:├── |└── )(.*)$/;
const NODE = /^(.*?)(?: \(([A-Z]+(?:, [A-Z]+)*)\))?$/;

/**
 * Every route the running application answers, read from Fastify's own router.
 *
 * `printRoutes()` draws the radix tree: each line is one node, its indentation is its
 * depth and the node's text follows its parent's, so a route's URL is the text of every
 * node on the way down. Nodes that end a route list its methods. Anything this does not
 * understand (route constraints, say) throws rather than go missing, and every route read
 * is checked with `hasRoute`, so a mistake here fails loudly instead of hiding a route.
 */
export function registeredRoutes(http: FastifyInstance): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  const trail: string[] = [];
  for (const line of http.printRoutes().split('\n')) {
    if (!line.trim()) continue;
    const branch = BRANCH.exec(line);
    const node = branch && NODE.exec(branch[2] as string);
    if (!branch || !node) throw new Error(`Cannot read this line of printRoutes(): ${line}`);
    const depth = (branch[1] as string).length / 4;
    trail.length = depth;
    trail.push(node[1] as string);
    const url = trail.join('');
    for (const method of node[2]?.split(', ') ?? []) {
      routes.push({ method: method as HTTPMethods, url });
    }
  }
  for (const route of routes) {
    if (!http.hasRoute(route)) {
      throw new Error(`printRoutes() was misread: Fastify has no route ${routeKey(route)}`);
    }
  }
  return routes.sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));
}
