import Link from 'next/link';
import { connection } from 'next/server';

/**
 * Rendered per request (not prerendered) so its scripts carry the per-request CSP nonce that
 * proxy.ts sets; a static 404 page would have its scripts blocked by that policy.
 */
export default async function NotFound() {
  await connection();
  return (
    <main id="main" className="not-found">
      <h1>Not found</h1>
      <p>
        There is nothing at this address. <Link href="/">Back to today&apos;s papers</Link>.
      </p>
    </main>
  );
}
