/** The shell: the views' navigation, and the view the path names. Views other than search and article (the two a link most often opens) load on first use. */
import { lazy, Suspense, useEffect, useRef } from 'react';
import { Link, Redirect, Route, Switch, useLocation, useSearch } from 'wouter';
import { Loading } from './components/Status';
import ArticleView from './views/ArticleView';
import { SearchView } from './views/SearchView';

const ArticlesView = lazy(() => import('./views/ArticlesView'));
const EntitiesView = lazy(() => import('./views/EntitiesView'));
const EntityView = lazy(() => import('./views/EntityView'));
const QuotesView = lazy(() => import('./views/QuotesView'));
const EventsView = lazy(() => import('./views/EventsView'));
const StoriesView = lazy(() => import('./views/StoriesView'));
const StoryView = lazy(() => import('./views/StoryView'));
const KwicView = lazy(() => import('./views/KwicView'));
const KeynessView = lazy(() => import('./views/KeynessView'));
const CollocatesView = lazy(() => import('./views/CollocatesView'));
const CompareView = lazy(() => import('./views/CompareView'));
const FramesView = lazy(() => import('./views/FramesView'));
const NetworkView = lazy(() => import('./views/NetworkView'));
const IngestView = lazy(() => import('./views/IngestView'));

/** The views a query carries across: each opens on the same articles. */
const QUERY_VIEWS = [
  ['/search', 'Search'],
  ['/quotes', 'Quotes'],
  ['/events', 'Events'],
  ['/stories', 'Stories'],
  ['/kwic', 'KWIC'],
  ['/keyness', 'Keyness'],
  ['/collocates', 'Collocates'],
  ['/compare', 'Compare outlets'],
  ['/frames', 'Frames'],
  ['/network', 'Network'],
] as const;
const OTHER_VIEWS = [
  ['/entities', 'Entities'],
  ['/articles', 'Articles'],
  ['/ingest', 'Ingest'],
] as const;

function Nav() {
  const [path] = useLocation();
  const q = new URLSearchParams(useSearch()).get('q') ?? '';
  const filters = new URLSearchParams(useSearch()).getAll('filter');
  const carry = (to: string) => {
    const p = new URLSearchParams();
    if (q) p.set('q', q);
    for (const f of filters) p.append('filter', f);
    const s = p.toString();
    return s ? `${to}?${s}` : to;
  };
  const current = (to: string) => path === to || path.startsWith(`${to}/`);
  return (
    <nav aria-label="Views" className="nav">
      <Link href="/search" className="brand">
        newslens
      </Link>
      <ul>
        {QUERY_VIEWS.map(([to, label]) => (
          <li key={to}>
            <Link href={carry(to)} aria-current={current(to) ? 'page' : undefined}>
              {label}
            </Link>
          </li>
        ))}
      </ul>
      <ul>
        {OTHER_VIEWS.map(([to, label]) => (
          <li key={to}>
            <Link href={to} aria-current={current(to) ? 'page' : undefined}>
              {label}
            </Link>
          </li>
        ))}
        <li>
          <a href="/api/docs">API docs</a>
        </li>
      </ul>
    </nav>
  );
}

/** After in-app navigation, focus moves to the view's heading, so keyboard and screen-reader users land on the new content. */
function useFocusOnNavigate() {
  const [path] = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const t = setTimeout(() => document.querySelector<HTMLElement>('main h1')?.focus({ preventScroll: false }), 50);
    return () => clearTimeout(t);
  }, [path]);
}

export function App() {
  useFocusOnNavigate();
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <Nav />
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Switch>
            <Route path="/">
              <Redirect to="/search" replace />
            </Route>
            <Route path="/search" component={SearchView} />
            <Route path="/articles" component={ArticlesView} />
            <Route path="/articles/:id">{(p) => <ArticleView id={p.id} />}</Route>
            <Route path="/entities" component={EntitiesView} />
            <Route path="/entities/:ref">{(p) => <EntityView entityRef={decodeURIComponent(p.ref)} />}</Route>
            <Route path="/quotes" component={QuotesView} />
            <Route path="/events" component={EventsView} />
            <Route path="/stories" component={StoriesView} />
            <Route path="/stories/:id">{(p) => <StoryView id={Number(p.id)} />}</Route>
            <Route path="/kwic" component={KwicView} />
            <Route path="/keyness" component={KeynessView} />
            <Route path="/collocates" component={CollocatesView} />
            <Route path="/compare" component={CompareView} />
            <Route path="/frames" component={FramesView} />
            <Route path="/network" component={NetworkView} />
            <Route path="/ingest" component={IngestView} />
            <Route>
              <h1 tabIndex={-1}>Not found</h1>
              <p>
                No view here. <Link href="/search">Go to search</Link>.
              </p>
            </Route>
          </Switch>
        </Suspense>
      </main>
    </div>
  );
}
