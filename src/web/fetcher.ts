/**
 * A polite and safe HTTP fetcher (undici underneath).
 *
 * Polite: robots.txt is honoured (robots-parser; a missing file allows all,
 * an unreachable one or a 5xx disallows all, as RFC 9309 says), one request
 * at a time per host with a delay between them (the site's Crawl-delay when
 * longer), 429/503 and network failures retried with exponential backoff or
 * the server's Retry-After, conditional requests with ETag/Last-Modified.
 *
 * Safe: only http and https; redirects followed by hand so every hop is
 * checked again; every address a name resolves to is checked at connect time
 * (no DNS-rebinding gap) and loopback, private, link-local, multicast and
 * reserved addresses are refused unless `allowPrivate` is set; bodies are
 * capped in size and the whole request in time.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { createRequire } from 'node:module';
import { Agent, request } from 'undici';
import { formatBytes } from '../sources/input.js';
import { VERSION } from '../version.js';

export interface FetcherOptions {
  userAgent?: string;
  /** Whole request, headers and body, in milliseconds. */
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** Allow loopback, private and link-local addresses (off by default). */
  allowPrivate?: boolean;
  /** Minimum time between two requests to one host, in milliseconds. */
  hostDelayMs?: number;
  /** Retries after 429, 503 or a network failure. */
  retries?: number;
  /** First backoff, doubled on each retry, in milliseconds. */
  backoffMs?: number;
  /** Longest wait accepted from a Retry-After header, in milliseconds. */
  maxRetryAfterMs?: number;
  robots?: boolean;
}

export interface Conditional {
  etag?: string;
  lastModified?: string;
}

export interface FetchResult {
  /** The final URL, after redirects. */
  url: string;
  status: number;
  notModified: boolean;
  body: Uint8Array;
  contentType?: string;
  etag?: string;
  lastModified?: string;
}

export class FetchError extends Error {
  constructor(
    readonly url: string,
    message: string,
    readonly status?: number,
  ) {
    super(`${url}: ${message}`);
  }
}

export const USER_AGENT = `newslens/${VERSION} (+https://github.com/newslens; news analysis)`;

const DEFAULTS: Required<FetcherOptions> = {
  userAgent: USER_AGENT,
  timeoutMs: 20_000,
  maxBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
  allowPrivate: false,
  hostDelayMs: 1000,
  retries: 2,
  backoffMs: 1000,
  maxRetryAfterMs: 120_000,
  robots: true,
};

/** Addresses no fetch should reach unless the user says so. */
const BLOCKED = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) BLOCKED.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['2001:db8::', 32], ['64:ff9b::', 96]] as const) {
  BLOCKED.addSubnet(net, bits, 'ipv6');
}

export function isBlockedAddress(address: string): boolean {
  const v = isIP(address);
  if (v === 4) return BLOCKED.check(address, 'ipv4');
  if (v === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    return mapped ? BLOCKED.check(mapped[1]!, 'ipv4') : BLOCKED.check(address, 'ipv6');
  }
  return true;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface Robots {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}
// robots-parser is CommonJS whose typings declare an ES default export; load it as what it is.
const robotsParser = createRequire(import.meta.url)('robots-parser') as (url: string, text: string) => Robots;

export class Fetcher {
  readonly opts: Required<FetcherOptions>;
  private readonly agent: Agent;
  private readonly nextSlot = new Map<string, number>();
  private readonly robotsCache = new Map<string, Promise<Robots | 'disallow-all'>>();

  constructor(opts: FetcherOptions = {}) {
    this.opts = { ...DEFAULTS, ...opts };
    const allowPrivate = this.opts.allowPrivate;
    this.agent = new Agent({
      connections: 4,
      headersTimeout: this.opts.timeoutMs,
      bodyTimeout: this.opts.timeoutMs,
      connect: {
        timeout: this.opts.timeoutMs,
        // Checked where the socket connects, so a name cannot resolve to a public address for a check and a private one for the connection.
        lookup: (hostname: string, options: object, cb: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
          dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
            if (err) return cb(err, []);
            const bad = addresses.find((a) => isBlockedAddress(a.address));
            if (bad && !allowPrivate) {
              const e: NodeJS.ErrnoException = new Error(`${hostname} resolves to ${bad.address}, a private or reserved address (use --allow-private to fetch it)`);
              e.code = 'EBLOCKEDADDRESS';
              return cb(e, []);
            }
            if ((options as { all?: boolean }).all) return cb(null, addresses);
            cb(null, addresses[0]!.address, addresses[0]!.family);
          });
        },
      },
    });
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  /** GET a URL, following redirects, honouring robots.txt and the host's pace. */
  async fetch(url: string, cond: Conditional = {}): Promise<FetchResult> {
    let current = this.checkUrl(url);
    for (let hop = 0; ; hop++) {
      if (this.opts.robots && !(await this.allowedByRobots(current))) throw new FetchError(current.href, 'disallowed by robots.txt');
      const res = await this.withRetries(current, hop === 0 ? cond : {});
      if (res.status >= 300 && res.status < 400 && res.status !== 304) {
        const location = res.location;
        if (!location) throw new FetchError(current.href, `redirect ${res.status} without a Location`, res.status);
        if (hop >= this.opts.maxRedirects) throw new FetchError(url, `more than ${this.opts.maxRedirects} redirects`);
        current = this.checkUrl(new URL(location, current).href);
        continue;
      }
      if (res.status === 304) return { ...res.result, url: current.href, notModified: true };
      if (res.status < 200 || res.status >= 300) throw new FetchError(current.href, `HTTP ${res.status}`, res.status);
      return { ...res.result, url: current.href };
    }
  }

  private checkUrl(url: string): URL {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw new FetchError(url, 'not a valid URL');
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new FetchError(url, `the ${u.protocol.replace(/:$/, '')}: scheme is not fetched (http and https only)`);
    if (u.username || u.password) throw new FetchError(url, 'URLs with credentials are not fetched');
    const host = u.hostname.replace(/^\[|\]$/g, '');
    // IP literals never go through the resolver, so they are checked here.
    if (isIP(host) && isBlockedAddress(host) && !this.opts.allowPrivate) {
      throw new FetchError(url, `${host} is a private or reserved address (use --allow-private to fetch it)`);
    }
    if (/^localhost$|\.localhost$/i.test(host) && !this.opts.allowPrivate) throw new FetchError(url, 'localhost is not fetched (use --allow-private to fetch it)');
    return u;
  }

  private async withRetries(u: URL, cond: Conditional): Promise<{ status: number; location?: string; result: Omit<FetchResult, 'url'> }> {
    for (let attempt = 0; ; attempt++) {
      await this.waitTurn(u.host);
      let retryAfter: number | undefined;
      try {
        const r = await this.once(u, cond);
        if ((r.status === 429 || r.status === 503) && attempt < this.opts.retries) {
          retryAfter = r.retryAfter;
        } else return r;
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        if (err instanceof FetchError || e.code === 'EBLOCKEDADDRESS' || attempt >= this.opts.retries) throw wrap(u.href, err);
      }
      const wait = Math.min(retryAfter ?? this.opts.backoffMs * 2 ** attempt, this.opts.maxRetryAfterMs);
      this.nextSlot.set(u.host, Math.max(this.nextSlot.get(u.host) ?? 0, Date.now() + wait));
    }
  }

  /** Waits until the host may be asked again, and books the next slot. */
  private async waitTurn(host: string): Promise<void> {
    for (;;) {
      const now = Date.now();
      const at = this.nextSlot.get(host) ?? 0;
      if (at <= now) {
        this.nextSlot.set(host, now + this.hostDelay(host));
        return;
      }
      await sleep(at - now);
    }
  }

  private readonly crawlDelays = new Map<string, number>();
  private hostDelay(host: string): number {
    return Math.max(this.opts.hostDelayMs, this.crawlDelays.get(host) ?? 0);
  }

  private async once(u: URL, cond: Conditional): Promise<{ status: number; location?: string; retryAfter?: number; result: Omit<FetchResult, 'url'> }> {
    const headers: Record<string, string> = {
      'user-agent': this.opts.userAgent,
      accept: 'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,*/*;q=0.5',
      'accept-encoding': 'identity',
    };
    if (cond.etag) headers['if-none-match'] = cond.etag;
    if (cond.lastModified) headers['if-modified-since'] = cond.lastModified;
    const signal = AbortSignal.timeout(this.opts.timeoutMs);
    const res = await request(u, { method: 'GET', headers, dispatcher: this.agent, signal });
    const h = (name: string) => {
      const v = res.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const status = res.statusCode;
    const base = { status, notModified: false, body: new Uint8Array(0) };
    const meta: Partial<FetchResult> = {};
    for (const [k, name] of [['contentType', 'content-type'], ['etag', 'etag'], ['lastModified', 'last-modified']] as const) {
      const v = h(name);
      if (v) meta[k] = v;
    }
    if (status < 200 || status >= 300) {
      await res.body.dump();
      const location = h('location');
      const retryAfter = parseRetryAfter(h('retry-after'));
      return { status, ...(location ? { location } : {}), ...(retryAfter !== undefined ? { retryAfter } : {}), result: { ...base, ...meta } };
    }
    const declared = Number(h('content-length'));
    if (declared > this.opts.maxBytes) {
      res.body.destroy();
      throw new FetchError(u.href, `body of ${formatBytes(declared)} is over the ${formatBytes(this.opts.maxBytes)} limit`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > this.opts.maxBytes) {
        res.body.destroy();
        throw new FetchError(u.href, `body over the ${formatBytes(this.opts.maxBytes)} limit`);
      }
      chunks.push(chunk as Buffer);
    }
    return { status, result: { ...base, ...meta, body: Buffer.concat(chunks) } };
  }

  private allowedByRobots(u: URL): Promise<boolean> {
    let p = this.robotsCache.get(u.origin);
    if (!p) {
      p = this.loadRobots(u);
      this.robotsCache.set(u.origin, p);
    }
    return p.then((r) => (r === 'disallow-all' ? false : r.isAllowed(u.href, this.opts.userAgent) !== false));
  }

  private async loadRobots(u: URL): Promise<Robots | 'disallow-all'> {
    const robotsUrl = `${u.origin}/robots.txt`;
    try {
      const r = await this.withRetries(new URL(robotsUrl), {});
      if (r.status >= 500) return 'disallow-all';
      const text = r.status >= 200 && r.status < 300 ? new TextDecoder().decode(r.result.body) : '';
      const robots = robotsParser(robotsUrl, text);
      const delay = robots.getCrawlDelay(this.opts.userAgent);
      if (delay) this.crawlDelays.set(u.host, Math.min(delay * 1000, 60_000));
      return robots;
    } catch (err) {
      // Unreachable robots.txt: RFC 9309 says assume everything is disallowed; an address we refuse is refused for the page too.
      if (String((err as Error).message).includes('private or reserved')) throw new FetchError(u.href, (err as Error).message.replace(/^\S+: /, ''));
      return 'disallow-all';
    }
  }
}

function parseRetryAfter(v: string | undefined): number | undefined {
  if (!v) return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - Date.now());
}

function wrap(url: string, err: unknown): FetchError {
  if (err instanceof FetchError) return err;
  const e = err as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  const cause = e.cause ?? e;
  if (e.name === 'TimeoutError' || e.name === 'AbortError' || cause.code === 'UND_ERR_HEADERS_TIMEOUT' || cause.code === 'UND_ERR_BODY_TIMEOUT' || cause.code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new FetchError(url, 'timed out');
  }
  return new FetchError(url, cause.message || String(err));
}
