/**
 * The URL paths the App Router serves from `app/`: every folder with a `route.*` or `page.*` file,
 * without route groups `(name)` and never inside private folders `_name` (Next.js's own rules).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

const ENTRY_FILE = /^(?:route|page)\.(?:ts|tsx|js|jsx|mjs)$/;

export function findAppRoutes(appDir: string): string[] {
  const routes = new Set<string>();
  const walk = (dir: string, segments: string[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isFile() && ENTRY_FILE.test(entry.name)) routes.add(`/${segments.join('/')}`);
      if (!entry.isDirectory() || entry.name.startsWith('_') || entry.name.startsWith('@')) continue;
      const isGroup = entry.name.startsWith('(') && entry.name.endsWith(')');
      walk(path.join(dir, entry.name), isGroup ? segments : [...segments, entry.name]);
    }
  };
  walk(appDir, []);
  return [...routes].sort();
}

/** `/` is `index.func` in the Build Output API; every other path is its own name. */
export const functionNameOf = (route: string) => (route === '/' ? 'index' : route.slice(1));

/** `app/api/cron/ingest/route.ts` → `/api/cron/ingest`; null for a glob or a non-route pattern. */
export function routeOfFunctionPattern(pattern: string): string | null {
  const match = pattern.match(/^app((?:\/[^*?{}/]+)*)\/(?:route|page)\.(?:ts|tsx|js|jsx|mjs)$/);
  if (!match) return null;
  const route = match[1]!.split('/').filter((s) => s && !(s.startsWith('(') && s.endsWith(')'))).join('/');
  return `/${route}`;
}
