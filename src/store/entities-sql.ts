/**
 * Corpus entities: the mentions' keys (set per article by src/link) grouped
 * into one entity per actor (src/store/entity-groups.ts), then users' edits
 * applied in the order they were made, then written with aliases and
 * counts. Rebuilt after ingest and reprocess; the edits live in their own
 * table, so they survive both. Entity ids are stable: every key gets a
 * number once, and an entity is numbered by the smallest of its keys'.
 */
import type Database from 'better-sqlite3';
import { capitalOf, countryNamed, demonymOf } from '../link/countries.js';
import { cleanName, nameForm } from '../link/names.js';
import { splitKey } from '../link/resolve.js';
import type { Entity, EntityType } from '../model.js';
import { describeGroup, groupKeys, keyStats, parentOf, type Groups, type KeyStats } from './entity-groups.js';
import { AmbiguousEntityError, choose, parseRef, type Candidate } from './entity-lookup.js';
export { keyRef } from './entity-lookup.js';

export type EntityEditAction = 'rename' | 'merge' | 'split' | 'retype';

export interface EntityEdit {
  action: EntityEditAction;
  /** The entity edited: "#id", "Name (TYPE)", or a name or alias. */
  target: string;
  /** rename: the new name; merge: the entity merged into the target; split: the alias that becomes its own entity; retype: the type. */
  value: string;
}

export const ENTITY_TYPES: readonly EntityType[] = ['PER', 'ORG', 'LOC', 'GPE', 'NORP', 'MISC'];

interface GroupView {
  root: string;
  members: KeyStats[];
  id: number;
  name: string;
  type: string;
}

export class EntityTables {
  constructor(private readonly db: Database.Database) {}

  addEdit(edit: EntityEdit, keys?: string[]): number {
    return Number(
      this.db
        .prepare('INSERT INTO entity_edits (action, target, value, at, keys) VALUES (?, ?, ?, ?, ?)')
        .run(edit.action, edit.target, edit.value, new Date().toISOString(), keys?.length ? JSON.stringify(keys) : null).lastInsertRowid,
    );
  }

  /** Takes an edit back; whether there was one with that number. */
  removeEdit(seq: number): boolean {
    return this.db.prepare('DELETE FROM entity_edits WHERE seq = ?').run(seq).changes > 0;
  }

  edits(): Array<EntityEdit & { seq: number; at: string; keys: string | null }> {
    return this.db.prepare('SELECT seq, action, target, value, at, keys FROM entity_edits ORDER BY seq').all() as Array<EntityEdit & { seq: number; at: string; keys: string | null }>;
  }

  /** Regroups every mention key into entities and rewrites the entity tables; returns edits that found no entity. */
  rebuild(): string[] {
    this.restoreSplitMentions();
    let groups = this.grouping();
    // A split of a name an article tied to a fuller one ("CNN" under "United Kingdom") moves
    // those mentions to a key of their own name; the keys it applies to are kept with the edit.
    if (this.applySplitMentions()) groups = this.grouping();
    const renamed = new Map<string, string>();
    const retyped = new Map<string, string>();
    const missed: string[] = [];
    const views = (): GroupView[] =>
      [...groups.all()].map(([root, members]) => {
        const d = describeGroup(members);
        return { root, members, id: d.kid, name: renamed.get(root) ?? d.name, type: retyped.get(root) ?? d.type };
      });
    for (const e of this.edits()) {
      const all = views();
      let target: GroupView | undefined;
      try {
        target = resolveIn(e.target, all);
      } catch (err) {
        if (!(err instanceof AmbiguousEntityError)) throw err;
      }
      if (!target) {
        missed.push(`${e.action} "${e.target}": no such entity now`);
        continue;
      }
      const carry = (from: string, to: string) => {
        for (const m of [renamed, retyped]) if (m.has(from) && !m.has(to)) m.set(to, m.get(from)!);
      };
      if (e.action === 'rename') renamed.set(target.root, e.value);
      else if (e.action === 'retype') retyped.set(target.root, e.value);
      else if (e.action === 'merge') {
        let other: GroupView | undefined;
        try {
          other = resolveIn(e.value, all);
        } catch (err) {
          if (!(err instanceof AmbiguousEntityError)) throw err;
        }
        if (!other) missed.push(`merge "${e.value}" into "${e.target}": no such entity now`);
        else if (other.root !== target.root) {
          groups.union(target.root, other.root);
          carry(target.root, groups.find(target.root));
        }
      } else {
        const form = nameForm(e.value, target.type);
        const leaving = target.members.filter((k) => k.form === form);
        // Mentions an article had tied to another name left with their own key above.
        if (!leaving.length && e.keys) continue;
        if (!leaving.length || leaving.length === target.members.length) {
          missed.push(`split "${e.value}" from "${e.target}": not one of several names of it`);
          continue;
        }
        groups.detach(leaving, target.members);
        const staying = target.members.find((k) => !leaving.includes(k))!;
        for (const m of [renamed, retyped]) {
          const v = m.get(target.root);
          m.delete(target.root);
          if (v !== undefined) m.set(groups.find(staying.key), v);
        }
      }
    }
    this.write(views(), groups);
    return missed;
  }

  /** Keys with their stats and stable numbers, grouped before edits. */
  private grouping(): Groups {
    this.db.exec(`INSERT OR IGNORE INTO entity_key_ids (key, id)
      SELECT key, (SELECT coalesce(max(id), 0) FROM entity_key_ids) + row_number() OVER (ORDER BY key)
      FROM (SELECT DISTINCT entity_id AS key FROM mentions WHERE entity_id IS NOT NULL AND entity_id NOT IN (SELECT key FROM entity_key_ids))`);
    const rows = this.db
      .prepare(
        `SELECT m.entity_id AS key, m.surface, m.parent_id AS parent, count(*) AS n, count(DISTINCT m.article_id) AS articles, i.id AS kid
         FROM mentions m JOIN entity_key_ids i ON i.key = m.entity_id GROUP BY m.entity_id, m.surface, m.parent_id`,
      )
      .all() as Array<{ key: string; surface: string; parent: string | null; n: number; articles: number; kid: number }>;
    const keys = new Map<string, KeyStats>();
    for (const r of rows) {
      let k = keys.get(r.key);
      if (!k) {
        const { type, name } = splitKey(r.key);
        keys.set(r.key, (k = keyStats(r.key, type, name, r.kid)));
      }
      k.mentions += r.n;
      k.surfaces.set(r.surface, (k.surfaces.get(r.surface) ?? 0) + r.n);
      k.surfaceArticles.set(r.surface, (k.surfaceArticles.get(r.surface) ?? 0) + r.articles);
      if (r.parent) k.parents.set(r.parent, (k.parents.get(r.parent) ?? 0) + r.n);
    }
    for (const k of keys.values()) for (const p of [...k.parents.keys()]) if (!keys.has(p)) k.parents.delete(p);
    return groupKeys([...keys.values()]);
  }

  private restoreSplitMentions(): void {
    this.db.exec('UPDATE mentions SET entity_id = linked_id, linked_id = NULL WHERE linked_id IS NOT NULL');
  }

  /** Moves the mentions of split-off aliases out of the keys they were linked to (kept with each edit); whether any moved. */
  private applySplitMentions(): boolean {
    const move = this.db.prepare(
      `UPDATE mentions SET linked_id = entity_id, entity_id = type || '|' || ? WHERE entity_id IN (SELECT value FROM json_each(?)) AND surface = ? COLLATE NOCASE`,
    );
    let moved = false;
    for (const e of this.edits()) if (e.action === 'split' && e.keys && move.run(cleanName(e.value, ''), e.keys, e.value).changes > 0) moved = true;
    return moved;
  }

  /**
   * The key that stands for an entity in stored corrections: the one it is
   * named after (most mentioned of those), else its most mentioned; so a
   * split later leaves the correction with the name it was made for.
   */
  anchorKey(entityId: number): string | undefined {
    const name = this.db.prepare('SELECT name FROM entities WHERE id = ?').pluck().get(entityId) as string | undefined;
    const keys = this.db
      .prepare('SELECT k.key, count(m.article_id) AS n FROM entity_keys k LEFT JOIN mentions m ON m.entity_id = k.key WHERE k.entity_id = ? GROUP BY k.key ORDER BY n DESC, k.key')
      .all(entityId) as Array<{ key: string; n: number }>;
    const named = keys.find((k) => {
      const { type, name: n } = splitKey(k.key);
      return cleanName(n, type) === name;
    });
    return (named ?? keys[0])?.key;
  }

  /**
   * For a split about to be recorded: the keys of the entity that hold the
   * alias although named otherwise (an article tied "CNN" to "United
   * Kingdom"), whose mentions of it will move.
   */
  keysHolding(entityId: number, alias: string): string[] {
    const form = nameForm(alias, '');
    return (
      this.db
        .prepare('SELECT DISTINCT k.key FROM entity_keys k JOIN mentions m ON m.entity_id = k.key WHERE k.entity_id = ? AND m.surface = ? COLLATE NOCASE')
        .pluck()
        .all(entityId, alias) as string[]
    ).filter((key) => nameForm(splitKey(key).name, '') !== form);
  }

  private write(views: GroupView[], groups: Groups): void {
    const insertEntity = this.db.prepare('INSERT INTO entities (id, name, type, country, role, parent, articles, mentions) VALUES (?, ?, ?, ?, ?, ?, 0, ?)');
    const insertKey = this.db.prepare('INSERT INTO entity_keys (key, entity_id) VALUES (?, ?)');
    const insertAlias = this.db.prepare('INSERT INTO entity_aliases (entity_id, alias, count) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET count = count + excluded.count');
    this.db.exec('DELETE FROM entities; DELETE FROM entity_keys; DELETE FROM entity_aliases;');
    const typeOf = new Map(views.map((v) => [v.root, v.type]));
    for (const v of views) {
      let type = v.type as EntityType;
      let country: string | null = null;
      let role: string | null = null;
      const asCountry = type === 'LOC' || type === 'GPE' ? countryNamed(v.name) : undefined;
      const asCapital = type === 'LOC' && !asCountry ? capitalOf(v.name) : undefined;
      const asDemonym = type === 'MISC' || type === 'NORP' ? demonymOf(v.name) : undefined;
      if (asCountry) [type, country, role] = ['GPE', asCountry.code, 'country'];
      else if (asCapital) [type, country, role] = ['GPE', asCapital.code, 'capital'];
      else if (asDemonym) [type, country, role] = ['NORP', asDemonym.code, 'demonym'];
      // A parent is another entity's key; written as its id, turned into its name below.
      const parent = type === 'ORG' ? parentOf(v.members, groups, (root) => typeOf.get(root)) : undefined;
      insertEntity.run(v.id, v.name, type, country, role, parent ?? null, v.members.reduce((n, k) => n + k.mentions, 0));
      for (const k of v.members) {
        insertKey.run(k.key, v.id);
        // Aliases as names, not as the page wrote them ("Trump Trump", "VLADIMIR PUTIN").
        for (const [s, n] of k.surfaces) insertAlias.run(v.id, cleanName(s, k.type), n);
      }
    }
    this.db.exec(`UPDATE entities SET articles = (SELECT count(DISTINCT m.article_id) FROM entity_keys k JOIN mentions m ON m.entity_id = k.key WHERE k.entity_id = entities.id)`);
    this.db.exec(`UPDATE entities SET parent = (SELECT e.name FROM entity_keys k JOIN entities e ON e.id = k.entity_id WHERE k.key = entities.parent) WHERE parent IS NOT NULL`);
  }

  /** The entity a typed reference means (see src/store/entity-lookup.ts), with the others that name could mean. */
  lookup(ref: string): { id: number; others: Candidate[] } | undefined {
    const r = parseRef(ref);
    if ('id' in r || 'key' in r) {
      const hit = ('id' in r ? this.db.prepare('SELECT id FROM entities WHERE id = ?').pluck().get(r.id) : this.db.prepare('SELECT entity_id FROM entity_keys WHERE key = ?').pluck().get(r.key)) as number | undefined;
      return hit === undefined ? undefined : { id: hit, others: [] };
    }
    const typed = r.type ? 'AND e.type = ?' : '';
    const args = r.type ? [r.type] : [];
    // What each entity owns of the name: its mentions written so; all of them when it is its own name.
    const candidates = this.db
      .prepare(
        `SELECT id, name, type, max(owned) AS owned FROM (
           SELECT e.id, e.name, e.type, e.mentions AS owned FROM entities e WHERE e.name = ? COLLATE NOCASE ${typed}
           UNION ALL
           SELECT e.id, e.name, e.type, sum(a.count) AS owned FROM entity_aliases a JOIN entities e ON e.id = a.entity_id
           WHERE a.alias = ? COLLATE NOCASE ${typed} GROUP BY e.id)
         GROUP BY id`,
      )
      .all(r.name, ...args, r.name, ...args) as Candidate[];
    if (!candidates.length) {
      // Aliases are kept as names: "Mr. Putin", "PUTIN PUTIN" are looked up as "Putin".
      const clean = cleanName(r.name, 'PER');
      if (clean !== r.name) return this.lookup(r.type ? `${clean} (${r.type})` : clean);
    }
    const hit = choose(ref, candidates);
    return hit && { id: hit.entity.id, others: hit.others };
  }

  /** The entity a reference means, as a list (empty when none); ambiguity is thrown. */
  idsNamed(ref: string): number[] {
    const hit = this.lookup(ref);
    return hit ? [hit.id] : [];
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
}

/** The group a typed reference means among the groups being edited (the rule of src/store/entity-lookup.ts). */
function resolveIn(ref: string, all: GroupView[]): GroupView | undefined {
  const r = parseRef(ref);
  if ('id' in r) return all.find((g) => g.id === r.id);
  if ('key' in r) return all.find((g) => g.members.some((k) => k.key === r.key));
  const low = r.name.toLowerCase();
  const candidates: Candidate[] = [];
  const byId = new Map(all.map((g) => [g.id, g]));
  for (const g of all) {
    if (r.type && g.type !== r.type) continue;
    const total = g.members.reduce((n, k) => n + k.mentions, 0);
    let owned = g.name.toLowerCase() === low ? total : 0;
    if (!owned) for (const k of g.members) for (const [s, n] of k.surfaces) if (s.toLowerCase() === low) owned += n;
    if (owned) candidates.push({ id: g.id, name: g.name, type: g.type, owned });
  }
  const hit = choose(ref, candidates);
  return hit && byId.get(hit.entity.id);
}
