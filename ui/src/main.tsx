import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles.css';

const client = new QueryClient({
  defaultOptions: {
    queries: {
      // The server's answers change only when the workspace does; a view shown again reuses them for a while.
      staleTime: 30_000,
      retry: (n, err) => n < 1 && !(err instanceof Error && 'status' in err && Number((err as { status: number }).status) < 500),
      refetchOnWindowFocus: false,
    },
  },
});

// A direct load of a search sent its hits request before this bundle ran (early.ts); the cache takes its answer.
const early = window.newslensEarlyHits;
if (early) void client.prefetchQuery({ queryKey: early.queryKey, queryFn: () => early.answer });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={client}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
