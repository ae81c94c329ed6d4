// A revision is stored as the difference from the state after it (the next revision, or the report as the tables
// hold it now for the latest), not as a full copy. These functions compute and apply such differences between
// JSON values exactly: apply(a, diff(a, b)) is deep-equal to b.
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Keys set to a value (added or replaced), keys removed, keys whose objects changed inside. `r` replaces all. */
export interface Delta {
  s?: JsonObject;
  d?: string[];
  n?: { [key: string]: Delta };
  r?: Json;
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
// An undefined property is what JSON.stringify leaves out: absent.
const has = (o: JsonObject, k: string) => Object.hasOwn(o, k) && o[k] !== undefined;
// A key named __proto__ (JSON.parse makes it an own property) must stay a property, not become the prototype.
function put(o: JsonObject, k: string, v: Json): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

export function jsonEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => jsonEqual(x, b[i]));
  }
  const ka = Object.keys(a).filter((k) => has(a, k));
  const kb = Object.keys(b).filter((k) => has(b, k));
  return ka.length === kb.length && ka.every((k) => has(b, k) && jsonEqual(a[k], b[k]));
}

function diffObject(a: JsonObject, b: JsonObject): Delta | null {
  const out: Delta = {};
  for (const k of Object.keys(a)) if (has(a, k) && !has(b, k)) (out.d ??= []).push(k);
  for (const k of Object.keys(b)) {
    if (!has(b, k)) continue;
    if (!has(a, k)) put((out.s ??= {}), k, b[k]);
    else if (isObject(a[k]) && isObject(b[k])) {
      const inner = diffObject(a[k] as JsonObject, b[k] as JsonObject);
      if (inner) put((out.n ??= {}) as JsonObject, k, inner as unknown as Json);
    } else if (!jsonEqual(a[k], b[k])) put((out.s ??= {}), k, b[k]);
  }
  return out.s || out.d || out.n ? out : null;
}

/** What turns `from` into `to`; null when they are equal. */
export function diffJson(from: Json, to: Json): Delta | null {
  if (isObject(from) && isObject(to)) return diffObject(from, to);
  return jsonEqual(from, to) ? null : { r: to };
}

/** `base` changed by `delta` (null: unchanged). `base` is not modified. */
export function applyDelta(base: Json, delta: Delta | null): Json {
  if (!delta) return base;
  if (Object.hasOwn(delta, 'r')) return delta.r!;
  const out: JsonObject = {};
  if (isObject(base)) for (const k of Object.keys(base)) if (has(base, k)) put(out, k, base[k]);
  for (const k of delta.d ?? []) delete out[k];
  for (const k of Object.keys(delta.s ?? {})) put(out, k, delta.s![k]);
  for (const k of Object.keys(delta.n ?? {})) put(out, k, applyDelta(has(out, k) ? out[k] : {}, delta.n![k]));
  return out;
}

/** The stored form of a delta: JSON text, or null for no difference (most revisions). */
export const encodeDelta = (from: Json, to: Json): string | null => {
  const d = diffJson(from, to);
  return d ? JSON.stringify(d) : null;
};

export const decodeDelta = (text: string | null): Delta | null => (text === null ? null : (JSON.parse(text) as Delta));
