import { openSqliteStore } from './dist/src/store/sqlite.js';
import { search } from './dist/src/query/search.js';
const store = openSqliteStore(process.argv[2]);
store.columns();
const qs = ['government', 'trump -obama', '"white house"', 'econom*', 'lang:en brexit', 'election'];
for (const q of qs) search(store, q);
for (const q of qs) { const t = performance.now(); for (let i = 0; i < 10; i++) search(store, q, { facets: [] }); process.stdout.write(`${q}: ${((performance.now() - t) / 10).toFixed(2)}  `); }
console.log();
