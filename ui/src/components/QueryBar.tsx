/**
 * The query box every query view shares: typing updates the URL (and so the
 * answer) after a pause; the API's located error is shown under the box; the
 * filters clicked in are chips that take themselves off.
 */
import { useEffect, useId, useState } from 'react';
import { useUrlState } from '../url';
import { ErrorBox } from './Status';

interface Props {
  /** An error from the view's main call: a bad query shows here, with its place. */
  error?: unknown;
  /** Shown right of the box: hit count, timing. */
  status?: React.ReactNode;
  placeholder?: string;
  label?: string;
  /** The URL parameter (default q). */
  param?: string;
  /** Whether this view takes clicked filters (default true). */
  filters?: boolean;
  /** The query as sent (text and filters): an error's position points into it. */
  sent?: string;
}

const DEBOUNCE_MS = 300;

export function QueryBar({ error, status, placeholder, label = 'Query', param = 'q', filters = true, sent }: Props) {
  const url = useUrlState();
  const q = url.get(param);
  const [text, setText] = useState(q);
  const id = useId();
  // The URL changed under us (back, a link): show what it says.
  useEffect(() => setText(q), [q]);
  useEffect(() => {
    if (text === q) return;
    const t = setTimeout(() => url.set({ [param]: text, page: undefined }, { replace: true }), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text]); // eslint-disable-line react-hooks/exhaustive-deps
  const chips = filters ? url.getAll('filter') : [];
  return (
    <div className="querybar">
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          url.set({ [param]: text, page: undefined });
        }}
      >
        <label htmlFor={id}>{label}</label>
        <div className="querybar-row">
          <input
            id={id}
            type="search"
            value={text}
            placeholder={placeholder ?? 'words, "a phrase", entity:CSTO, after:2022-01 … (empty: every article)'}
            onChange={(e) => setText(e.target.value)}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-err` : undefined}
          />
          <button type="submit">Go</button>
          {status && <span className="querybar-status">{status}</span>}
        </div>
      </form>
      {chips.length > 0 && (
        <ul className="chips" aria-label="Filters">
          {chips.map((f) => (
            <li key={f}>
              <span>{f}</span>
              <button type="button" aria-label={`Remove filter ${f}`} onClick={() => url.set({ filter: chips.filter((x) => x !== f), page: undefined })}>
                ×
              </button>
            </li>
          ))}
          <li>
            <button type="button" className="link" onClick={() => url.set({ filter: undefined, page: undefined })}>
              clear all
            </button>
          </li>
        </ul>
      )}
      <div id={`${id}-err`}>{error ? <ErrorBox error={error} query={sent ?? url.get(param)} /> : null}</div>
    </div>
  );
}
