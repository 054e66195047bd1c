'use client';
/** Copies a value to the clipboard; falls back to selecting the field when the API is refused. */
import { useState } from 'react';

export function CopyButton({ value, label, fieldId }: { value: string; label: string; fieldId?: string }) {
  const [done, setDone] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setDone(true);
      setTimeout(() => setDone(false), 1500);
    } catch {
      const field = fieldId ? (document.getElementById(fieldId) as HTMLInputElement | null) : null;
      field?.select();
    }
  };
  return (
    <button type="button" className="copy" onClick={copy} aria-label={`Copy ${label}`}>
      <span aria-live="polite">{done ? 'Copied' : 'Copy'}</span>
    </button>
  );
}
