/**
 * Corpus entities: the mentions' keys (set per article by src/link) grouped
 * into one entity per actor, with aliases and counts, then users' edits
 * applied in the order they were made. Rebuilt after ingest and reprocess;
 * the edits live in their own table, so they survive both.
 */
import type Database from 'better-sqlite3';
import { capitalOf, countryNamed, demonymOf } from '../link/countries.js';
import { initials, splitKey } from '../link/resolve.js';
import type { Entity, EntityType } from '../model.js';

export type EntityEditAction = 'rename' | 'merge' | 'split';

export interface EntityEdit {
  action: EntityEditAction;
  /** The entity edited, by name or alias. */
  target: string;
  /** rename: the new name; merge: the entity merged into the target; split: the alias that becomes its own entity. */
  value: string;
}

/** How many times more often the main bearer of a shared short name must be named than the others together. */
const DOMINANT = 4;

interface KeyStats {
  key: string;
  name: string;
  type: string;
  mentions: number;
  surfaces: Map<string, number>;
  parent?: string;
}

const wordCount = (s: string) => s.split(/\s+/).length;
const isAcronym = (s: string) => /^[A-Z][A-Z0-9&.]{1,9}$/.test(s);

export class EntityTables {
  constructor(private readonly db: Database.Database) {}

  addEdit(edit: EntityEdit): void {
    this.db.prepare('INSERT INTO entity_edits (action, target, value, at) VALUES (?, ?, ?, ?)').run(edit.action, edit.target, edit.value, new Date().toISOString());
  }

  edits(): Array<EntityEdit & { seq: number; at: string }> {
    return this.db.prepare('SELECT seq, action, target, value, at FROM entity_edits ORDER BY seq').all() as Array<EntityEdit & { seq: number; at: string }>;
  }

  /** Regroups every mention key into entities and rewrites the entity tables; returns edits that found no entity. */
  rebuild(): string[] {
    const keys = new Map<string, KeyStats>();
    const rows = this.db
      .prepare('SELECT entity_id AS key, surface, count(*) AS n, max(parent_id) AS parent FROM mentions WHERE entity_id IS NOT NULL GROUP BY entity_id, surface')
      .all() as Array<{ key: string; surface: string; n: number; parent: string | null }>;
    for (const r of rows) {
      let k = keys.get(r.key);
      if (!k) keys.set(r.key, (k = { key: r.key, ...splitKey(r.key), mentions: 0, surfaces: new Map() }));
      k.mentions += r.n;
      k.surfaces.set(r.surface, (k.surfaces.get(r.surface) ?? 0) + r.n);
      if (r.parent) k.parent = r.parent;
    }
    const list = [...keys.values()];
    const parent = new Map(list.map((k) => [k.key, k.key]));
    const find = (x: string): string => {
      while (parent.get(x) !== x) x = parent.get(x)!;
      return x;
    };
    const union = (keep: string, into: string) => {
      const a = find(keep);
      const b = find(into);
      if (a !== b) parent.set(b, a);
    };
    // Across articles: a short name ("Tokayev", "CSTO") that exactly one other
    // entity goes by somewhere in the corpus, a surname that ends exactly one
    // person's full name, an acronym of exactly one long form, is that
    // entity. Two candidates or more: the dominant one, if one dominates.
    const bySurface = new Map<string, Set<string>>();
    const byLastWord = new Map<string, string[]>();
    const byInitials = new Map<string, string[]>();
    const push = (m: Map<string, string[]>, k: string, v: string) => (m.get(k) ?? m.set(k, []).get(k)!).push(v);
    for (const k of list) {
      for (const s of k.surfaces.keys()) (bySurface.get(s) ?? bySurface.set(s, new Set()).get(s)!).add(k.key);
      if (wordCount(k.name) < 2) continue;
      if (k.type === 'PER') push(byLastWord, k.name.slice(k.name.lastIndexOf(' ') + 1), k.key);
      for (const i of new Set([initials(k.name, false), initials(k.name, true)])) push(byInitials, `${k.type}|${i}`, k.key);
    }
    for (const k of list) {
      const short = (k.type === 'PER' && wordCount(k.name) === 1) || isAcronym(k.name);
      if (!short) continue;
      const others = new Set([...(bySurface.get(k.name) ?? [])].filter((o) => o !== k.key && wordCount(splitKey(o).name) > 1));
      // A surname alone: the one person in the corpus whose full name ends with it.
      if (k.type === 'PER') for (const o of byLastWord.get(k.name) ?? []) others.add(o);
      // An acronym: the one long form in the corpus with those initials.
      if (k.type !== 'PER' && isAcronym(k.name)) for (const o of byInitials.get(`${k.type}|${k.name.replace(/\./g, '')}`) ?? []) others.add(o);
      if (others.size === 1) union([...others][0]!, k.key);
      else if (others.size > 1) {
        // Several bearers: the name goes to one that the corpus names at least four times as
        // often as all the others together ("Trump": Donald Trump, not Ivanka or Melania);
        // else it stays apart ("Clinton" in a corpus about both).
        const counts = [...others].map((o) => [o, keys.get(o)!.mentions] as const).sort((a, b) => b[1] - a[1]);
        const rest = counts.slice(1).reduce((n, [, c]) => n + c, 0);
        if (counts[0]![1] >= DOMINANT * rest) union(counts[0]![0], k.key);
      }
    }
    // Users' edits, oldest first. (Edits are few; each regroups once.)
    const renamed = new Map<string, string>();
    const missed: string[] = [];
    const groupsNow = () => {
      const g = new Map<string, KeyStats[]>();
      for (const k of list) {
        const r = find(k.key);
        (g.get(r) ?? g.set(r, []).get(r)!).push(k);
      }
      return g;
    };
    const nameOf = (root: string, members: KeyStats[]) => renamed.get(root) ?? this.bestKey(members).name;
    const resolve = (name: string, groups: Map<string, KeyStats[]>): string | undefined => {
      const low = name.toLowerCase();
      for (const [r, members] of groups) if (nameOf(r, members).toLowerCase() === low) return r;
      const hit = list.find((k) => k.name.toLowerCase() === low || [...k.surfaces.keys()].some((x) => x.toLowerCase() === low));
      return hit ? find(hit.key) : undefined;
    };
    for (const e of this.edits()) {
      const groups = groupsNow();
      const target = resolve(e.target, groups);
      if (target === undefined) {
        missed.push(`${e.action} "${e.target}": no such entity now`);
        continue;
      }
      if (e.action === 'rename') renamed.set(target, e.value);
      else if (e.action === 'merge') {
        const other = resolve(e.value, groups);
        if (other === undefined) missed.push(`merge "${e.value}" into "${e.target}": no such entity now`);
        else union(target, other);
      } else {
        // Split: the keys of the target known by that alias leave it, together.
        const low = e.value.toLowerCase();
        const members = groups.get(target)!;
        const leaving = members.filter((k) => k.name.toLowerCase() === low || [...k.surfaces.keys()].some((x) => x.toLowerCase() === low));
        if (!leaving.length || leaving.length === members.length) {
          missed.push(`split "${e.value}" from "${e.target}": not one of several names of it`);
          continue;
        }
        const staying = members.filter((k) => !leaving.includes(k));
        for (const k of members) parent.set(k.key, k.key);
        for (const k of leaving) union(leaving[0]!.key, k.key);
        for (const k of staying) union(staying[0]!.key, k.key);
        const name = renamed.get(target);
        renamed.delete(target);
        if (name !== undefined) renamed.set(find(staying[0]!.key), name);
      }
    }
    this.write(groupsNow(), nameOf);
    return missed;
  }

  /** The key that names a group: the fullest name, then the most mentioned. */
  private bestKey(group: KeyStats[]): KeyStats {
    return group.reduce((b, k) => (wordCount(k.name) > wordCount(b.name) || (wordCount(k.name) === wordCount(b.name) && k.mentions > b.mentions) ? k : b));
  }

  private write(groups: Map<string, KeyStats[]>, nameOf: (root: string, members: KeyStats[]) => string): void {
    const insertEntity = this.db.prepare('INSERT INTO entities (id, name, type, country, role, parent, articles, mentions) VALUES (?, ?, ?, ?, ?, ?, 0, ?)');
    const insertKey = this.db.prepare('INSERT INTO entity_keys (key, entity_id) VALUES (?, ?)');
    const insertAlias = this.db.prepare('INSERT INTO entity_aliases (entity_id, alias, count) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET count = count + excluded.count');
    this.db.transaction(() => {
      this.db.exec('DELETE FROM entities; DELETE FROM entity_keys; DELETE FROM entity_aliases;');
      let id = 0;
      for (const [root, group] of groups) {
        id++;
        const best = this.bestKey(group);
        const name = nameOf(root, group);
        let type = best.type as EntityType;
        let country: string | null = null;
        let role: string | null = null;
        const asCountry = type === 'LOC' ? countryNamed(name) : undefined;
        const asCapital = type === 'LOC' && !asCountry ? capitalOf(name) : undefined;
        const asDemonym = type === 'MISC' || type === 'NORP' ? demonymOf(name) : undefined;
        if (asCountry) [type, country, role] = ['GPE', asCountry.code, 'country'];
        else if (asCapital) [type, country, role] = ['GPE', asCapital.code, 'capital'];
        else if (asDemonym) [type, country, role] = ['NORP', asDemonym.code, 'demonym'];
        const parentKey = group.find((k) => k.parent)?.parent ?? null;
        insertEntity.run(id, name, type, country, role, parentKey, group.reduce((n, k) => n + k.mentions, 0));
        for (const k of group) {
          insertKey.run(k.key, id);
          for (const [s, n] of k.surfaces) insertAlias.run(id, s, n);
        }
      }
      this.db.exec(`UPDATE entities SET articles = (SELECT count(DISTINCT m.article_id) FROM entity_keys k JOIN mentions m ON m.entity_id = k.key WHERE k.entity_id = entities.id)`);
      // Parents by key → the parent entity's name.
      this.db.exec(`UPDATE entities SET parent = (SELECT e.name FROM entity_keys k JOIN entities e ON e.id = k.entity_id WHERE k.key = entities.parent) WHERE parent IS NOT NULL`);
    })();
  }

  /** Entities a name refers to: by canonical name, else by any alias. */
  idsNamed(name: string): number[] {
    const byName = this.db.prepare('SELECT id FROM entities WHERE name = ? COLLATE NOCASE').pluck().all(name) as number[];
    if (byName.length) return byName;
    return this.db.prepare('SELECT DISTINCT entity_id FROM entity_aliases WHERE alias = ? COLLATE NOCASE').pluck().all(name) as number[];
  }

  articlesOf(ids: number[]): Set<number> {
    if (!ids.length) return new Set();
    return new Set(
      this.db
        .prepare('SELECT DISTINCT m.article_id FROM entity_keys k JOIN mentions m ON m.entity_id = k.key WHERE k.entity_id IN (SELECT value FROM json_each(?))')
        .pluck()
        .all(JSON.stringify(ids)) as number[],
    );
  }

  get(id: number): Entity | undefined {
    const r = this.db.prepare('SELECT id, name, type, country, role, parent, articles, mentions FROM entities WHERE id = ?').get(id) as
      | { id: number; name: string; type: EntityType; country: string | null; role: Entity['role'] | null; parent: string | null; articles: number; mentions: number }
      | undefined;
    if (!r) return undefined;
    const aliases = this.db.prepare('SELECT alias AS name, count FROM entity_aliases WHERE entity_id = ? ORDER BY count DESC, alias').all(id) as Entity['aliases'];
    const e: Entity = { id: r.id, name: r.name, type: r.type, aliases, articles: r.articles, mentions: r.mentions };
    if (r.country) e.country = r.country;
    if (r.role) e.role = r.role;
    if (r.parent) e.parent = r.parent;
    return e;
  }

  list(opts: { type?: string; limit: number; offset: number }): Entity[] {
    const ids = this.db
      .prepare(`SELECT id FROM entities ${opts.type ? 'WHERE type = ?' : ''} ORDER BY articles DESC, mentions DESC, name LIMIT ? OFFSET ?`)
      .pluck()
      .all(...(opts.type ? [opts.type] : []), opts.limit, opts.offset) as number[];
    return ids.map((id) => this.get(id)!);
  }

  /** Per article id, for facets: how many of these articles mention each entity. */
  counts(where: string, params: unknown[], limit: number): Array<{ key: string; type: string; count: number }> {
    return this.db
      .prepare(
        `SELECT e.name AS key, e.type AS type, count(DISTINCT m.article_id) AS count
         FROM mentions m JOIN entity_keys k ON k.key = m.entity_id JOIN entities e ON e.id = k.entity_id
         WHERE ${where} GROUP BY e.id ORDER BY count DESC, key LIMIT ?`,
      )
      .all(...params, limit) as Array<{ key: string; type: string; count: number }>;
  }
}
