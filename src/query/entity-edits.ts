/**
 * Entity corrections as the CLI (`newslens entity NAME --merge …`) and the
 * API (`POST /api/entities/{ref}/edits`) make them: checked, stored, and
 * answered with the entity as it now stands.
 */
import type { Entity, EntityType } from '../model.js';
import { ENTITY_TYPES } from '../store/entities-sql.js';
import type { Store } from '../store/store.js';
import { entityProfile, type EntityProfile } from './entities.js';
import { UnknownEntityError } from './knowledge.js';
import { ParamError, type EditAction } from './params.js';

export interface EditOutcome {
  edit: { action: EditAction; target: string; value: string };
  /** The entity after the edit (a merge keeps one of the two ids); null when it was rebuilt under another. */
  entity: Entity | null;
  /** Stored corrections that no longer find what they name. */
  notApplied: string[];
}

/** The entity a reference names, or UnknownEntityError. */
export function entityOrFail(store: Store, ref: string): Entity {
  const [e] = store.entitiesNamed(ref);
  if (!e) throw UnknownEntityError.of(ref);
  return e;
}

/** One entity's profile (src/query/entities.ts), or UnknownEntityError. */
export function profileOrFail(store: Store, ref: string): EntityProfile {
  const p = entityProfile(store, ref);
  if (!p) throw UnknownEntityError.of(ref);
  return p;
}

/** Records one correction of the entity `ref` names. Errors name the parameter `value` (the CLI shows its action's flag). */
export function correctEntity(store: Store, ref: string, action: EditAction, rawValue: string): EditOutcome {
  const target = entityOrFail(store, ref);
  let value = rawValue.trim();
  if (!value) throw new ParamError('value', 'needs a value');
  if (action === 'retype') {
    value = value.toUpperCase();
    if (!ENTITY_TYPES.includes(value as EntityType)) throw new ParamError('value', `"${rawValue}": types are ${ENTITY_TYPES.join(', ')}`);
  }
  let other: Entity | undefined;
  if (action === 'merge') {
    [other] = store.entitiesNamed(value);
    if (!other) throw new UnknownEntityError(`no entity named "${value}" to merge`);
    if (other.id === target.id) throw new ParamError('value', `"${value}" is already ${target.name} (#${target.id})`);
  }
  const notApplied = store.editEntity({ action, target: `#${target.id}`, value: other ? `#${other.id}` : value });
  // Ids are the smallest of the entity's keys' numbers, so a merge keeps one of the two.
  const now = store.entitiesNamed(`#${target.id}`)[0] ?? (other && store.entitiesNamed(`#${other.id}`)[0]);
  return { edit: { action, target: ref, value }, entity: now ?? null, notApplied };
}

/** The corrections made, each with the entity its key is in now. */
export function listEdits(store: Store): Array<ReturnType<Store['entityEdits']>[number] & { entity: string; other?: string }> {
  const now = (ref: string) => {
    const e = ref.startsWith('key:') ? store.entitiesNamed(ref)[0] : undefined;
    return e ? `${e.name} (#${e.id})` : ref.replace(/^key:[A-Z]+\|/, '');
  };
  return store.entityEdits().map((e) => ({ ...e, entity: now(e.target), ...(e.action === 'merge' ? { other: now(e.value) } : {}) }));
}
