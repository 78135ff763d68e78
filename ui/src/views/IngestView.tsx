/** Ingest: drop files or folders, watch feeds, follow each job's progress and failures; the workspace's stats. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api, ApiError, authHeaders, unwrap, type Problem } from '../api/client';
import { ErrorBox, Loading } from '../components/Status';
import { Table } from '../components/Table';

async function upload(files: File[]): Promise<unknown> {
  const form = new FormData();
  for (const f of files) form.append('file', f, f.webkitRelativePath || f.name);
  const res = await fetch('/api/ingest', { method: 'POST', body: form, headers: authHeaders(true) });
  const body = await res.json();
  if (!res.ok) throw new ApiError(body as Problem, res.status);
  return body;
}

/** The files of a drop, folders walked (the entries API; a browser without it gives the top-level files). */
async function droppedFiles(items: DataTransferItemList): Promise<File[]> {
  const out: File[] = [];
  const walk = async (entry: FileSystemEntry): Promise<void> => {
    if (entry.isFile) out.push(await new Promise<File>((ok, fail) => (entry as FileSystemFileEntry).file(ok, fail)));
    else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((ok, fail) => reader.readEntries(ok, fail));
        if (!batch.length) break;
        for (const e of batch) await walk(e);
      }
    }
  };
  const entries = [...items].map((i) => i.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => Boolean(e));
  for (const e of entries) await walk(e);
  return out;
}

export default function IngestView() {
  const qc = useQueryClient();
  const [over, setOver] = useState(false);
  const [feedUrl, setFeedUrl] = useState('');
  const files = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement>(null);
  const jobs = useQuery({
    queryKey: ['jobs'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/jobs', { signal })),
    // While a job runs its progress is polled; when none runs, nothing is.
    refetchInterval: (q) => (q.state.data?.jobs.some((j) => j.state === 'running' || j.state === 'queued') ? 700 : false),
  });
  const stats = useQuery({ queryKey: ['stats'], queryFn: ({ signal }) => unwrap(api.GET('/api/stats', { signal })) });
  const feeds = useQuery({ queryKey: ['feeds'], queryFn: ({ signal }) => unwrap(api.GET('/api/feeds', { signal })) });
  const send = useMutation({
    mutationFn: upload,
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['jobs'] });
    },
  });
  const addFeed = useMutation({
    mutationFn: (url: string) => unwrap(api.POST('/api/feeds', { body: { url, intervalSeconds: 900, follow: false } })),
    onSuccess: async () => {
      setFeedUrl('');
      await qc.invalidateQueries({ queryKey: ['feeds'] });
    },
  });
  const removeFeed = useMutation({
    mutationFn: (id: number) => unwrap(api.DELETE('/api/feeds/{id}', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['feeds'] }),
  });
  const take = (list: FileList | null) => {
    if (list?.length) send.mutate([...list]);
  };
  // A finished job changes every answer: drop the cache once it is done.
  const doneCount = jobs.data?.jobs.filter((j) => j.state === 'done').length ?? 0;
  const seen = useRef(doneCount);
  useEffect(() => {
    if (doneCount === seen.current) return;
    seen.current = doneCount;
    void qc.invalidateQueries({ predicate: (q) => !['jobs', 'feeds'].includes(String(q.queryKey[0])) });
  }, [doneCount, qc]);
  const s = stats.data;
  return (
    <>
      <h1 tabIndex={-1}>Ingest</h1>
      <div className="grid-2">
        <section className="panel" aria-labelledby="upload-h">
          <h2 id="upload-h">Add files</h2>
          <div
            className={over ? 'dropzone over' : 'dropzone'}
            onDragOver={(e) => {
              e.preventDefault();
              setOver(true);
            }}
            onDragLeave={() => setOver(false)}
            onDrop={(e) => {
              e.preventDefault();
              setOver(false);
              void droppedFiles(e.dataTransfer.items).then((f) => f.length && send.mutate(f));
            }}
          >
            <p>Drop files or folders here: text, JSON, JSONL, CSV/TSV, HTML, feeds, WARC, gzip.</p>
            <p>
              <button type="button" onClick={() => files.current?.click()}>
                Choose files…
              </button>{' '}
              <button type="button" onClick={() => folder.current?.click()}>
                Choose a folder…
              </button>
            </p>
            <input ref={files} type="file" multiple hidden aria-label="Files to ingest" onChange={(e) => take(e.target.files)} data-testid="file-input" />
            <input ref={folder} type="file" multiple hidden aria-label="A folder to ingest" onChange={(e) => take(e.target.files)} {...{ webkitdirectory: '' }} />
          </div>
          {send.isPending && <p role="status">Uploading…</p>}
          <ErrorBox error={send.error} />
        </section>
        <section className="panel" aria-labelledby="stats-h">
          <h2 id="stats-h">The workspace</h2>
          {!s ? (
            <Loading />
          ) : (
            <dl className="stats">
              <dt>articles</dt>
              <dd>{s.articles.toLocaleString()}</dd>
              <dt>outlets</dt>
              <dd>{s.outlets.toLocaleString()}</dd>
              <dt>dates</dt>
              <dd>
                {s.firstPublished ?? '—'} – {s.lastPublished ?? '—'} ({s.undated.toLocaleString()} undated)
              </dd>
              <dt>languages</dt>
              <dd>{s.byLanguage.map((l) => `${l.key} ${l.count.toLocaleString()}`).join(', ')}</dd>
              <dt>size</dt>
              <dd>{(s.fileBytes / 1048576).toFixed(1)} MiB</dd>
              {s.outdated > 0 && (
                <>
                  <dt>outdated</dt>
                  <dd>{s.outdated.toLocaleString()} built by an older pipeline (newslens reprocess)</dd>
                </>
              )}
            </dl>
          )}
        </section>
      </div>
      <section className="panel" aria-labelledby="jobs-h">
        <h2 id="jobs-h">Jobs</h2>
        <ErrorBox error={jobs.error} />
        {jobs.data && jobs.data.jobs.length === 0 && <p className="muted">No jobs yet.</p>}
        <ol className="jobs">
          {jobs.data?.jobs.map((j) => (
            <li key={j.id} className={`job job-${j.state}`}>
              <div className="job-head">
                <strong>{j.kind}</strong> <span className="job-label">{j.label}</span>
                <span className="spacer" />
                <span className={`state state-${j.state}`}>{j.state}</span>
              </div>
              <div className="job-progress">
                read {j.progress.read.toLocaleString()} · added {j.progress.added.toLocaleString()} · duplicates {j.progress.duplicates.toLocaleString()} · failed {j.progress.failed.toLocaleString()}
              </div>
              {j.error && <p className="error">{j.error}</p>}
              {j.summary && j.summary.failures.length > 0 && (
                <details>
                  <summary>{j.summary.failures.length.toLocaleString()} failures</summary>
                  <ul className="failures">
                    {j.summary.failures.slice(0, 200).map((f, i) => (
                      <li key={i}>{f}</li>
                    ))}
                  </ul>
                </details>
              )}
            </li>
          ))}
        </ol>
      </section>
      <section className="panel" aria-labelledby="feeds-h">
        <h2 id="feeds-h">Watched feeds</h2>
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (feedUrl.trim()) addFeed.mutate(feedUrl.trim());
          }}
        >
          <label>
            Feed or sitemap URL <input type="url" value={feedUrl} onChange={(e) => setFeedUrl(e.target.value)} size={48} placeholder="https://example.org/rss.xml" />
          </label>
          <button type="submit" disabled={addFeed.isPending}>
            Watch
          </button>
        </form>
        <ErrorBox error={addFeed.error ?? removeFeed.error} />
        {feeds.data && (
          <Table
            name="feeds"
            rows={feeds.data.feeds}
            empty="No feeds watched."
            columns={[
              { key: 'url', label: 'feed' },
              { key: 'intervalSeconds', label: 'every (s)', numeric: true },
              { key: 'polledAt', label: 'last polled' },
              { key: 'lastResult', label: 'last result' },
              {
                key: 'remove',
                label: '',
                fixed: true,
                render: (r) => (
                  <button type="button" className="small" onClick={() => removeFeed.mutate(r.id)} aria-label={`Stop watching ${r.url}`}>
                    Stop
                  </button>
                ),
              },
            ]}
          />
        )}
      </section>
    </>
  );
}
