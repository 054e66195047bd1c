/**
 * Every API route and the methods its route.ts exports. Next.js answers a method a route does not
 * export with an empty 405 and no `Allow`, and TRACE with a plain-text 500 (the Web `Request`
 * constructor refuses that method before any route runs): proxy.ts and the TRACE guard answer from
 * this table instead. tests/reliability/http-methods.test.ts checks it against the route modules,
 * so a new route or method cannot be forgotten here.
 */

export type ApiRoute = {
  /** `/api/feed/[token]`: a `[name]` segment stands for any one segment. */
  path: string;
  /** Methods the route module exports. */
  methods: readonly string[];
};

export const API_ROUTES: readonly ApiRoute[] = [
  { path: '/api/categories', methods: ['GET'] },
  { path: '/api/cron/ingest', methods: ['GET'] },
  { path: '/api/cron/summarize', methods: ['GET'] },
  { path: '/api/feed', methods: ['GET'] },
  { path: '/api/feed/[token]', methods: ['GET'] },
  { path: '/api/health', methods: ['GET'] },
  { path: '/api/opml', methods: ['GET'] },
  { path: '/api/profiles', methods: ['POST'] },
  { path: '/api/profiles/[token]', methods: ['GET', 'PUT', 'DELETE'] },
  { path: '/api/profiles/[token]/feedback', methods: ['GET', 'POST', 'DELETE'] },
  { path: '/api/profiles/[token]/import', methods: ['POST'] },
];

const segmentsOf = (pathname: string) => pathname.split('/').filter(Boolean);

function matches(route: ApiRoute, segments: string[]): boolean {
  const pattern = segmentsOf(route.path);
  return pattern.length === segments.length && pattern.every((p, i) => (p.startsWith('[') && p.endsWith(']')) || p === segments[i]);
}

/** The route serving `pathname` (an undecoded URL path), or null when no route does. */
export function findApiRoute(pathname: string): ApiRoute | null {
  const segments = segmentsOf(pathname);
  return API_ROUTES.find((route) => matches(route, segments)) ?? null;
}

/** What the route answers to: its own methods, plus HEAD (for GET) and OPTIONS, which Next.js implements. */
export function allowedMethods(route: ApiRoute): string[] {
  const methods = new Set([...route.methods, 'OPTIONS']);
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}
