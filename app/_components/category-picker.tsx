'use client';
/**
 * Searchable category checkboxes from the real taxonomy. Without JavaScript every category is a
 * plain checkbox in a scrolling list; with it, the search box filters the list. Checked boxes
 * are named `cats`, like `/api/feed`'s parameter.
 */
import { useId, useMemo, useState } from 'react';

export type PickerCategory = { id: string; name: string; group: string };

const matches = (c: PickerCategory, needle: string) =>
  !needle || c.id.toLowerCase().includes(needle) || c.name.toLowerCase().includes(needle) || c.group.toLowerCase().includes(needle);

export function CategoryPicker({ categories, selected }: { categories: PickerCategory[]; selected: string[] }) {
  const [needle, setNeedle] = useState('');
  const [checked, setChecked] = useState(() => new Set(selected));
  const searchId = useId();
  const groups = useMemo(() => {
    const byGroup = new Map<string, PickerCategory[]>();
    for (const c of categories) byGroup.set(c.group, [...(byGroup.get(c.group) ?? []), c]);
    return [...byGroup];
  }, [categories]);
  const toggle = (id: string, on: boolean) =>
    setChecked((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <fieldset className="category-picker">
      <legend>Categories</legend>
      <p className="chosen" aria-live="polite">
        {checked.size ? `Selected: ${[...checked].join(', ')}` : 'None selected: the default categories are used.'}
      </p>
      <label htmlFor={searchId} className="visually-hidden">
        Search categories
      </label>
      <input
        id={searchId}
        type="search"
        className="category-search"
        placeholder="Search categories (e.g. cs.LG, quantum)"
        value={needle}
        onChange={(e) => setNeedle(e.target.value)}
        // Enter in the search box must not submit the whole form.
        onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
        autoComplete="off"
      />
      <CategoryList groups={groups} needle={needle} checked={checked} onToggle={toggle} />
    </fieldset>
  );
}

type CategoryListProps = {
  groups: [string, PickerCategory[]][];
  needle: string;
  checked: Set<string>;
  onToggle: (id: string, on: boolean) => void;
};

/** The grouped checkboxes; filtering hides rather than removes, so checked boxes still submit. */
function CategoryList({ groups, needle, checked, onToggle }: CategoryListProps) {
  const q = needle.trim().toLowerCase();
  const visible = groups.reduce((n, [, members]) => n + members.filter((c) => matches(c, q)).length, 0);
  return (
    <div className="category-list" role="group" aria-label="Categories">
      {groups.map(([group, members]) => (
        <div key={group} className="category-group" hidden={!members.some((c) => matches(c, q))}>
          <p className="group-name">{group}</p>
          {members.map((c) => (
            <label key={c.id} className="category-option" hidden={!matches(c, q)}>
              <input type="checkbox" name="cats" value={c.id} checked={checked.has(c.id)} onChange={(e) => onToggle(c.id, e.target.checked)} />
              <span className="cat-id">{c.id}</span> <span className="cat-name">{c.name}</span>
            </label>
          ))}
        </div>
      ))}
      {visible === 0 && <p className="muted">No category matches “{needle}”.</p>}
    </div>
  );
}
