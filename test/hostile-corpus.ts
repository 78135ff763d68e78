/**
 * A generated hostile corpus: files an attacker, a broken exporter or a bad
 * disk would hand to newslens. Each says what must happen to it: one
 * located failure (`fail`, with words the message must contain), stored
 * with a warning naming the place (`warn`), or stored clean (`store`, with
 * what its stored text must not contain). Used by the unit suite and by
 * bench/hostile.ts, which measures time and memory per input.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface HostileInput {
  name: string;
  /** What ingest must do with it. */
  expect: 'fail' | 'warn' | 'store';
  /** Words the failure or warning must contain. */
  says?: RegExp;
  /** Text the stored article must not contain. */
  without?: RegExp;
  /** A saved web page: `extract` is tried on it too. */
  page?: boolean;
}

const repeat = (s: string, n: number) => s.repeat(n);
const para = 'The council met on Monday and agreed a budget for the coming year after a long debate. ';
const article = (title: string) => `${title}\n\n${repeat(para, 6)}`;

/** Writes the corpus into `dir`; returns what each file must give. `scale` shrinks the big ones (1 = full size). */
export function writeHostileCorpus(dir: string, scale = 1): HostileInput[] {
  const out: HostileInput[] = [];
  const put = (name: string, data: string | Buffer, spec: Omit<HostileInput, 'name'>) => {
    writeFileSync(join(dir, name), data);
    out.push({ name, ...spec });
  };
  const mib = (n: number) => Math.round(n * scale * 1024 * 1024);

  // Binary and broken encodings.
  put('random.bin', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)), { expect: 'fail', says: /binary/ });
  put('nul-in-text.txt', Buffer.concat([Buffer.from(article('Title')), Buffer.from([0, 0, 0]), Buffer.from('more')]), { expect: 'fail', says: /binary/ });
  put('latin1-in-utf8.txt', Buffer.concat([Buffer.from(article('Café in Zürich')), Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x0a])]), { expect: 'warn', says: /offset \d+/ });
  put('surrogate.txt', Buffer.concat([Buffer.from(article('Surrogates')), Buffer.from([0xed, 0xa0, 0x80])]), { expect: 'warn', says: new RegExp(`offset ${Buffer.byteLength(article('Surrogates'))}\\b`) });
  put('overlong.txt', Buffer.concat([Buffer.from(article('Overlong')), Buffer.from([0xe0, 0x80, 0xaf])]), { expect: 'warn', says: new RegExp(`offset ${Buffer.byteLength(article('Overlong'))}\\b`) });
  put('bom-utf8.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify([{ title: 'BOM', text: repeat(para, 4) }]))]), { expect: 'store' });
  put('bom-utf16le.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(article('Sixteen little'), 'utf16le')]), { expect: 'store' });
  put('empty.txt', '', { expect: 'fail', says: /empty/ });
  put('spaces.txt', '   \n\n\t  \n', { expect: 'fail', says: /empty|no text/ });

  // Compression: a bomb (a small file that unzips to far more than any limit), a truncated stream.
  const zeros = Buffer.alloc(mib(200), 0x61);
  put('bomb.jsonl.gz', gzipSync(zeros, { level: 9 }), { expect: 'fail', says: /oversized/ });
  put('bomb.html.gz', gzipSync(Buffer.concat([Buffer.from('<html><body><p>'), zeros]), { level: 9 }), { expect: 'fail', says: /oversized/, page: true });
  const good = gzipSync(Buffer.from(Array.from({ length: 50 }, (_, i) => JSON.stringify({ id: `t${i}`, title: `Truncated ${i}`, text: repeat(para, 3) + i })).join('\n')));
  put('truncated.jsonl.gz', good.subarray(0, Math.floor(good.length * 0.6)), { expect: 'fail', says: /truncated|unexpected end|gzip/i });

  // Over the limits.
  put('huge.json', `[${repeat(`{"title":"x","text":"${repeat('word ', 200)}"},`, Math.ceil((65 * 1024 * 1024) / 1030))}{"text":"end"}]`, { expect: 'fail', says: /64 MiB|over|oversized/ });
  put('long-first-line.jsonl', `{"title":"long","text":"${repeat('a', 17 * 1024 * 1024)}"}\n${JSON.stringify({ title: 'After the long line', text: repeat(para, 3) })}\n`, { expect: 'fail', says: /oversized record/ });

  // Deep nesting.
  put('nested-array.json', repeat('[', 100_000) + repeat(']', 100_000), { expect: 'fail' });
  put('nested-object.jsonl', `{"text":${repeat('{"a":', 100_000)}1${repeat('}', 100_000)}}\n`, { expect: 'fail' });
  put('nested-unclosed.html', `<html><head><title>Unclosed</title></head><body>${repeat('<div><span><b>', 100_000)}<p>${repeat(para, 3)}</p></body></html>`, { expect: 'store', page: true });
  put('nested-closed.html', `<html><head><title>Closed</title></head><body>${repeat('<div>', 100_000)}<p>${repeat(para, 3)}</p>${repeat('</div>', 100_000)}</body></html>`, { expect: 'store', page: true });

  // Broken structure.
  put('broken-quotes.csv', `title,text\n"Fine","${repeat(para, 3)}"\n"Broken,"${repeat(para, 3)}\n`, { expect: 'fail', says: /line|row|quote/i });
  put(
    'billion-laughs.rss',
    `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>` +
      `<rss version="2.0"><channel><title>Laughs</title><item><title>Item</title><link>http://example.org/a</link><description>&lol9; ${repeat(para, 3)}</description></item></channel></rss>`,
    { expect: 'warn', without: /(lol){4}/ },
  );
  put(
    'external-entity.rss',
    `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>X</title><item><title>Entity</title><link>http://example.org/b</link><description>&xxe; ${repeat(para, 3)}</description></item></channel></rss>`,
    { expect: 'warn', without: /root:/ },
  );

  // Scripts and terminal escapes in a page.
  put(
    'escapes.html',
    `<html><head><title>Escapes\u001b]0;owned\u0007</title><script>alert(1)</script></head><body><article><h1>Escapes</h1>` +
      `<p>\u001b[2J\u001b]8;;http://evil.example/\u0007click\u001b]8;;\u0007 ${repeat(para, 3)} \u202egnirts desrever</p></article></body></html>`,
    { expect: 'store', without: /[\u001b\u0007\u202e]|alert\(1\)/, page: true },
  );
  return out;
}
