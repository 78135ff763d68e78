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
 * reserved addresses are refused except for the hosts the user allowed
 * (`allowPrivate`: never a host a redirect or a page led to); bodies are
 * capped in size, and each fetch (attempts, retries, redirects) in time.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { createRequire } from 'node:module';
import { Agent, request } from 'undici';
import { looksBinary } from '../sources/decode.js';
import { formatBytes } from '../sources/input.js';
import { unzipWithin, UnzipError, type Coding } from './unzip.js';
import { VERSION } from '../version.js';

export interface FetcherOptions {
  userAgent?: string;
  /** One fetch as a whole (every attempt, retry wait and redirect, headers and body), in milliseconds; the pause between two requests to a host is not counted. */
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /**
   * Hosts (names or IP literals, any case) that may be reached on loopback,
   * private, link-local or reserved addresses; `true` allows every host
   * (tests on loopback). Off by default.
   */
  allowPrivate?: boolean | string[];
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

/**
 * Addresses no fetch should reach unless the user says so: IANA's special-
 * purpose ranges that are not the public internet, and the IPv6 ranges that
 * carry an IPv4 address inside them (IPv4-compatible, NAT64, 6to4, Teredo),
 * which could smuggle a private one.
 */
const BLOCKED = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) BLOCKED.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 96], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 32], ['2001:2::', 48], ['2001:10::', 28], ['2001:20::', 28],
  ['2001:db8::', 32], ['2002::', 16], ['3fff::', 20], ['5f00::', 16], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) {
  BLOCKED.addSubnet(net, bits, 'ipv6');
}

export function isBlockedAddress(address: string): boolean {
  const v = isIP(address);
  if (v === 4) return BLOCKED.check(address, 'ipv4');
  if (v === 6) {
    // An IPv4-mapped address (::ffff:a.b.c.d, or ::ffff:7f00:1) is its IPv4 address.
    const mapped = /^(?:0{0,4}:){0,4}:?(?:0{0,4}:)?ffff:(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
    if (mapped) {
      const v4 = mapped[1] ?? [parseInt(mapped[2]!, 16) >> 8, parseInt(mapped[2]!, 16) & 255, parseInt(mapped[3]!, 16) >> 8, parseInt(mapped[3]!, 16) & 255].join('.');
      return BLOCKED.check(v4, 'ipv4');
    }
    return BLOCKED.check(address, 'ipv6');
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

/** What a host's robots.txt lets us do; when it lets nothing, why. */
type RobotsRules = Robots | { refused: string };

/** The time one fetch has left (attempts and retry waits spend it). */
interface Budget {
  until: number;
}

const hostOf = (u: URL) => u.hostname.replace(/^\[|\]$/g, '').toLowerCase();

export class Fetcher {
  readonly opts: Required<FetcherOptions>;
  private readonly agent: Agent;
  private readonly nextSlot = new Map<string, number>();
  private readonly robotsCache = new Map<string, Promise<RobotsRules>>();
  private readonly privateHosts: Set<string> | 'all';

  constructor(opts: FetcherOptions = {}) {
    this.opts = { ...DEFAULTS, ...opts };
    const allow = this.opts.allowPrivate;
    this.privateHosts = allow === true ? 'all' : new Set((allow || []).map((h) => h.replace(/^\[|\]$/g, '').toLowerCase()));
    const mayBePrivate = (host: string) => this.mayBePrivate(host);
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
            if (bad && !mayBePrivate(hostname)) {
              const e: NodeJS.ErrnoException = new Error(`${hostname} resolves to ${bad.address}, a private or reserved address (name it with --allow-private to fetch it)`);
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

  /** Whether this host may be reached on a private or reserved address: the user named it. */
  private mayBePrivate(host: string): boolean {
    return this.privateHosts === 'all' || this.privateHosts.has(host.toLowerCase());
  }

  /** GET a URL, following redirects, honouring robots.txt and the host's pace, within `timeoutMs` in all. */
  async fetch(url: string, cond: Conditional = {}): Promise<FetchResult> {
    let current = this.checkUrl(url);
    const budget: Budget = { until: Date.now() + this.opts.timeoutMs };
    for (let hop = 0; ; hop++) {
      if (this.opts.robots) {
        const refused = await this.robotsRefusal(current);
        if (refused) throw new FetchError(current.href, refused);
      }
      const res = await this.withRetries(current, hop === 0 ? cond : {}, budget);
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
    const host = hostOf(u);
    // IP literals never go through the resolver, so they are checked here.
    if (isIP(host) && isBlockedAddress(host) && !this.mayBePrivate(host)) {
      throw new FetchError(url, `${host} is a private or reserved address (name it with --allow-private to fetch it)`);
    }
    if (/^localhost$|\.localhost$/i.test(host) && !this.mayBePrivate(host)) throw new FetchError(url, 'localhost is not fetched (name it with --allow-private to fetch it)');
    return u;
  }

  /**
   * One request with its retries, all within the fetch's budget: a wait the
   * budget cannot cover (a long Retry-After) ends the fetch at once with the
   * answer in hand. The pause between requests to one host is politeness,
   * not the server's time, and is not charged.
   */
  private async withRetries(u: URL, cond: Conditional, budget: Budget): Promise<{ status: number; location?: string; result: Omit<FetchResult, 'url'> }> {
    for (let attempt = 0; ; attempt++) {
      const paused = await this.waitTurn(u.host);
      budget.until += paused;
      let retryAfter: number | undefined;
      let failure: unknown;
      try {
        const r = await this.once(u, cond, budget);
        if ((r.status !== 429 && r.status !== 503) || attempt >= this.opts.retries) return r;
        retryAfter = r.retryAfter;
        failure = new FetchError(u.href, `HTTP ${r.status}${retryAfter !== undefined ? `, asked to retry in ${Math.round(retryAfter / 1000)} s` : ''}`, r.status);
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        if (err instanceof FetchError || e.code === 'EBLOCKEDADDRESS' || attempt >= this.opts.retries) throw wrap(u.href, err);
        failure = err;
      }
      const wait = Math.min(retryAfter ?? this.opts.backoffMs * 2 ** attempt, this.opts.maxRetryAfterMs);
      if (Date.now() + wait >= budget.until) throw wrap(u.href, failure, `; no time left to retry within --timeout ${Math.round(this.opts.timeoutMs / 1000)} s`);
      await sleep(wait);
    }
  }

  /** Waits until the host may be asked again, and books the next slot; returns how long it waited. */
  private async waitTurn(host: string): Promise<number> {
    const started = Date.now();
    for (;;) {
      const now = Date.now();
      const at = this.nextSlot.get(host) ?? 0;
      if (at <= now) {
        this.nextSlot.set(host, now + this.hostDelay(host));
        return now - started;
      }
      await sleep(at - now);
    }
  }

  private readonly crawlDelays = new Map<string, number>();
  private hostDelay(host: string): number {
    return Math.max(this.opts.hostDelayMs, this.crawlDelays.get(host) ?? 0);
  }

  private async once(u: URL, cond: Conditional, budget: Budget): Promise<{ status: number; location?: string; retryAfter?: number; result: Omit<FetchResult, 'url'> }> {
    const headers: Record<string, string> = {
      'user-agent': this.opts.userAgent,
      accept: 'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,*/*;q=0.5',
      'accept-encoding': 'identity',
    };
    if (cond.etag) headers['if-none-match'] = cond.etag;
    if (cond.lastModified) headers['if-modified-since'] = cond.lastModified;
    // Aborts the headers and the body alike: a server that drips a byte a second is cut at the deadline.
    const signal = AbortSignal.timeout(Math.max(1, budget.until - Date.now()));
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
    const body = decoded(u.href, Buffer.concat(chunks), h('content-encoding'), this.opts.maxBytes);
    // Pages, feeds and robots.txt are text: an image or an archive is one clear error, not an article of noise.
    if (looksBinary(body.subarray(0, 8192))) throw new FetchError(u.href, `binary content${meta.contentType ? ` (${meta.contentType})` : ''}, not a page or a feed`);
    return { status, result: { ...base, ...meta, body } };
  }

  /** Why robots.txt keeps us from this URL, or undefined when it may be fetched. */
  private async robotsRefusal(u: URL): Promise<string | undefined> {
    let p = this.robotsCache.get(u.origin);
    if (!p) {
      p = this.loadRobots(u);
      this.robotsCache.set(u.origin, p);
    }
    const r = await p;
    if ('refused' in r) {
      // Unreachable or failing now is not for ever: a later fetch (the next poll of a watch) asks again.
      this.robotsCache.delete(u.origin);
      return r.refused;
    }
    return r.isAllowed(u.href, this.opts.userAgent) === false ? 'disallowed by robots.txt' : undefined;
  }

  private async loadRobots(u: URL): Promise<RobotsRules> {
    const robotsUrl = `${u.origin}/robots.txt`;
    try {
      const r = await this.withRetries(new URL(robotsUrl), {}, { until: Date.now() + this.opts.timeoutMs });
      // RFC 9309: a server error on robots.txt means nothing may be crawled for now.
      if (r.status >= 500) return { refused: `${u.host} answered HTTP ${r.status} for its robots.txt, which means nothing there may be fetched for now (RFC 9309)` };
      const text = r.status >= 200 && r.status < 300 ? new TextDecoder().decode(r.result.body) : '';
      const robots = robotsParser(robotsUrl, text);
      const delay = robots.getCrawlDelay(this.opts.userAgent);
      if (delay) this.crawlDelays.set(u.host, Math.min(delay * 1000, 60_000));
      return robots;
    } catch (err) {
      // A host we cannot reach, or an address we refuse, is said as it is (its pages fail the same way).
      return { refused: (err as Error).message.replace(/^\S+: /, '') };
    }
  }
}

/**
 * The body as sent before any content coding. We ask for none, but a server
 * may compress anyway; what it unzips to is held to the same size limit, so
 * a compressed bomb is refused after `max` bytes.
 */
function decoded(url: string, body: Buffer, encoding: string | undefined, max: number): Buffer {
  const coding = (encoding ?? '').trim().toLowerCase();
  if (!coding || coding === 'identity') return body;
  const known: Coding | undefined = coding === 'gzip' || coding === 'x-gzip' ? 'gzip' : coding === 'deflate' || coding === 'br' ? coding : undefined;
  if (!known) throw new FetchError(url, `content encoded as "${coding}", which newslens does not read`);
  try {
    return unzipWithin(known, body, max);
  } catch (err) {
    if (!(err instanceof UnzipError)) throw err;
    throw new FetchError(url, err.tooLarge ? `body unzips to more than the ${formatBytes(max)} limit` : `broken ${coding} body (${err.message})`);
  }
}

function parseRetryAfter(v: string | undefined): number | undefined {
  if (!v) return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - Date.now());
}

function wrap(url: string, err: unknown, more = ''): FetchError {
  if (err instanceof FetchError) return more ? new FetchError(err.url, err.message.slice(err.url.length + 2) + more, err.status) : err;
  const e = err as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  const cause = e.cause ?? e;
  if (e.name === 'TimeoutError' || e.name === 'AbortError' || cause.code === 'UND_ERR_HEADERS_TIMEOUT' || cause.code === 'UND_ERR_BODY_TIMEOUT' || cause.code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new FetchError(url, 'timed out' + more);
  }
  const host = (() => {
    try {
      return new URL(url).host;
    } catch {
      return url;
    }
  })();
  const unreachable = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ECONNRESET)$/.test(cause.code ?? '');
  return new FetchError(url, (unreachable ? `cannot reach ${host} (${cause.code})` : cause.message || String(err)) + more);
}
