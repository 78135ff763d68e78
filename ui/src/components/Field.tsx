/** A text filter bound to a URL parameter, applied on Enter or after a pause. */
import { useEffect, useId, useState } from 'react';
import { useUrlState } from '../url';

export function UrlField({ param, label, placeholder, size = 18 }: { param: string; label: string; placeholder?: string; size?: number }) {
  const url = useUrlState();
  const v = url.get(param);
  const [text, setText] = useState(v);
  const id = useId();
  useEffect(() => setText(v), [v]);
  useEffect(() => {
    if (text === v) return;
    const t = setTimeout(() => url.set({ [param]: text, page: undefined }, { replace: true }), 400);
    return () => clearTimeout(t);
  }, [text]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <span className="field">
      <label htmlFor={id}>{label}</label>{' '}
      <input id={id} value={text} size={size} placeholder={placeholder} onChange={(e) => setText(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && url.set({ [param]: text, page: undefined })} />
    </span>
  );
}

/** A choice bound to a URL parameter; the first option is the default and leaves the parameter out. */
export function UrlSelect({ param, label, options }: { param: string; label: string; options: ReadonlyArray<readonly [string, string]> }) {
  const url = useUrlState();
  const id = useId();
  return (
    <span className="field">
      <label htmlFor={id}>{label}</label>{' '}
      <select id={id} value={url.get(param, options[0]![0])} onChange={(e) => url.set({ [param]: e.target.value === options[0]![0] ? undefined : e.target.value, page: undefined })}>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </span>
  );
}

/** Previous / next through pages: `pages` when the total is known, else next is offered while a page comes back full. */
export function Pager({ page, full, pages }: { page: number; full?: boolean; pages?: number }) {
  const url = useUrlState();
  const hasNext = pages !== undefined ? page < pages : Boolean(full);
  if (page === 1 && !hasNext) return null;
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" disabled={page <= 1} onClick={() => url.set({ page: page - 1 === 1 ? undefined : page - 1 })}>
        ← Previous
      </button>
      <span>
        Page {page}
        {pages !== undefined && ` of ${pages.toLocaleString()}`}
      </span>
      <button type="button" disabled={!hasNext} onClick={() => url.set({ page: page + 1 })}>
        Next →
      </button>
    </nav>
  );
}
