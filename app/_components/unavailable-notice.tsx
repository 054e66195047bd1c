/**
 * What a page shows instead of papers when it cannot load any: a store outage (try again) or a
 * misconfigured deployment, with the fix and a link to the README section when the error has one.
 */
import { EnvError } from '../../lib/env';
import { StoreUnavailableError } from '../../lib/errors';

export function Unavailable({ error }: { error: Error }) {
  const outage = error instanceof StoreUnavailableError;
  const fix = error instanceof EnvError ? error.fix : undefined;
  const docs = error instanceof EnvError ? error.docsUrl : undefined;
  return (
    <main id="main" className="single">
      <p className="notice notice-error" role="alert">
        {outage ? 'The store is unreachable right now, so no papers can be shown. Try again in a minute.' : `This server is misconfigured: ${error.message}`}
        {fix && <> Fix: {fix}</>}
        {docs && (
          <>
            {' '}
            <a href={docs}>How to set it up</a>
          </>
        )}
      </p>
    </main>
  );
}
