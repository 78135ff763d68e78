/** Loading and error states, the same everywhere. */
import { ApiError } from '../api/client';

export function Loading({ what }: { what?: string }) {
  return (
    <p className="muted loading" role="status">
      Loading{what ? ` ${what}` : ''}…
    </p>
  );
}

/** An API problem in words; a located query error shows the query with a caret under the place. */
export function ErrorBox({ error, query }: { error: unknown; query?: string }) {
  if (!error) return null;
  const problem = error instanceof ApiError ? error.problem : undefined;
  const detail = problem?.detail ?? (error instanceof Error ? error.message : String(error));
  return (
    <div className="error" role="alert">
      <strong>{problem?.title ?? 'Error'}</strong>: {detail}
      {query !== undefined && problem?.position !== undefined && (
        <pre className="caret">
          {query}
          {'\n'}
          {' '.repeat(problem.position)}^
        </pre>
      )}
      {problem?.candidates && problem.candidates.length > 0 && (
        <p>
          Did you mean:{' '}
          {problem.candidates.map((c, i) => (
            <span key={c.id}>
              {i > 0 && ', '}
              <a href={`/entities/${c.id}`}>
                {c.name} ({c.type})
              </a>
            </span>
          ))}
        </p>
      )}
    </div>
  );
}
