import { ingest } from './dist/src/pipeline.js';
import { openSqliteStore } from './dist/src/store/sqlite.js';
import { rmSync } from 'fs';
rmSync('/tmp/m.db', {force:true}); rmSync('/tmp/m.db-wal', {force:true});
const store = openSqliteStore('/tmp/m.db');
const mb = (x) => (x/1e6).toFixed(0);
let last = 0;
await ingest(['/work/shared/data/corpora/scale/corpus.jsonl.gz'], store, { onProgress: (p) => {
  if (p.read - last >= 10000) { last = p.read; const m = process.memoryUsage(); console.log(p.read, 'rss', mb(m.rss), 'heapTot', mb(m.heapTotal), 'heapUsed', mb(m.heapUsed), 'ext', mb(m.external), 'ab', mb(m.arrayBuffers)); }
}});
