'use client';
/**
 * "Save as my profile": POST /api/profiles with the profile the preview shows, then the secret
 * feed URL is shown ONCE with a warning. On `/?profile=<token>` the same panel updates (PUT) or
 * deletes (DELETE) that profile.
 */
import type { Profile } from '../../lib/model/profile';
import { SecretBox } from './secret-box';
import { useProfileActions, type Outcome } from './use-profile-actions';

function SavedProfileControls({ disabled, onUpdate, onRemove }: { disabled: boolean; onUpdate: () => void; onRemove: () => void }) {
  return (
    <>
      <p className="help">You are editing a saved profile. Changes in the builder show here first; save them to update the feed.</p>
      <div className="form-actions">
        <button type="button" onClick={onUpdate} disabled={disabled}>
          Save changes
        </button>
        <button type="button" className="danger" onClick={onRemove} disabled={disabled}>
          Delete profile
        </button>
      </div>
    </>
  );
}

function NewProfileControls({ disabled, onSave }: { disabled: boolean; onSave: () => void }) {
  return (
    <>
      <p className="help">Get a short private feed URL for this selection that you can change later without resubscribing.</p>
      <div className="form-actions">
        <button type="button" onClick={onSave} disabled={disabled}>
          Save as my profile
        </button>
      </div>
    </>
  );
}

function OutcomeMessage({ outcome }: { outcome: Outcome | null }) {
  return (
    <div aria-live="polite">
      {outcome?.kind === 'saved' && <SecretBox token={outcome.token} />}
      {outcome?.kind === 'updated' && <p className="ok">Saved. Your feed URLs stay the same.</p>}
      {outcome?.kind === 'deleted' && (
        <p className="ok">
          Deleted. <a href="/">Start again</a>
        </p>
      )}
      {outcome?.kind === 'error' && <p className="notice notice-error">{outcome.message}</p>}
    </div>
  );
}

export function ProfileActions({ profile, token }: { profile: Profile; token: string | null }) {
  const { busy, outcome, save, update, remove } = useProfileActions(profile);
  return (
    <section className="panel profile-actions" aria-labelledby="profile-heading">
      <h2 id="profile-heading">{token ? 'Saved profile' : 'Save as my profile'}</h2>
      {token ? (
        <SavedProfileControls
          disabled={busy || outcome?.kind === 'deleted'}
          onUpdate={() => update(token)}
          onRemove={() => remove(token)}
        />
      ) : (
        <NewProfileControls disabled={busy || outcome?.kind === 'saved'} onSave={save} />
      )}
      <OutcomeMessage outcome={outcome} />
    </section>
  );
}
