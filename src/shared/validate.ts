/**
 * A tiny schema library for inbound messages. Every message that crosses a process boundary
 * arrives as `unknown`; a schema both checks it and gives the static type, so the contract is
 * written once and the types are derived from it.
 */

export type ValidationResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export interface Schema<T> {
  /** Checks `input`; `path` names the position in the message for the error text. */
  readonly check: (input: unknown, path: string) => ValidationResult<T>;
  /** Human description used in error messages, e.g. "a string of at most 2048 characters". */
  readonly describe: string;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

const ok = <T>(value: T): ValidationResult<T> => ({ ok: true, value });
const fail = (path: string, expected: string): { ok: false; error: string } => ({
  ok: false,
  error: `${path || 'message'} must be ${expected}`,
});

/** Longest string any inbound field may carry unless a schema says otherwise (a pasted PEM bundle fits). */
export const DEFAULT_MAX_STRING = 1_048_576;

export function string(
  options: { readonly max?: number; readonly min?: number } = {},
): Schema<string> {
  const max = options.max ?? DEFAULT_MAX_STRING;
  const min = options.min ?? 0;
  const describe =
    min > 0 ? `a string of ${min} to ${max} characters` : `a string of at most ${max} characters`;
  return {
    describe,
    check: (input, path) =>
      typeof input === 'string' && input.length <= max && input.length >= min
        ? ok(input)
        : fail(path, describe),
  };
}

export function integer(
  options: { readonly min?: number; readonly max?: number } = {},
): Schema<number> {
  const min = options.min ?? Number.MIN_SAFE_INTEGER;
  const max = options.max ?? Number.MAX_SAFE_INTEGER;
  const describe = `an integer from ${min} to ${max}`;
  return {
    describe,
    check: (input, path) =>
      typeof input === 'number' && Number.isInteger(input) && input >= min && input <= max
        ? ok(input)
        : fail(path, describe),
  };
}

export const boolean: Schema<boolean> = {
  describe: 'true or false',
  check: (input, path) => (typeof input === 'boolean' ? ok(input) : fail(path, 'true or false')),
};

export function literal<const T extends string | number | boolean | null>(value: T): Schema<T> {
  const describe = JSON.stringify(value);
  return { describe, check: (input, path) => (input === value ? ok(value) : fail(path, describe)) };
}

export function oneOf<const T extends readonly string[]>(values: T): Schema<T[number]> {
  const describe = `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
  return {
    describe,
    check: (input, path) =>
      typeof input === 'string' && (values as readonly string[]).includes(input)
        ? ok(input as T[number])
        : fail(path, describe),
  };
}

export function nullable<T>(schema: Schema<T>): Schema<T | null> {
  const describe = `${schema.describe} or null`;
  return {
    describe,
    check: (input, path) => {
      if (input === null) return ok(null);
      const result = schema.check(input, path);
      // Name the null alternative only where the inner schema failed at this very field.
      return result.ok || result.error !== fail(path, schema.describe).error
        ? result
        : fail(path, describe);
    },
  };
}

export function array<T>(
  item: Schema<T>,
  options: { readonly max?: number } = {},
): Schema<readonly T[]> {
  const max = options.max ?? 1000;
  const describe = `a list of at most ${max} items`;
  return {
    describe,
    check: (input, path) => {
      if (!Array.isArray(input) || input.length > max) return fail(path, describe);
      const out: T[] = [];
      for (const [index, element] of (input as unknown[]).entries()) {
        const result = item.check(element, `${path}[${index}]`);
        if (!result.ok) return result;
        out.push(result.value);
      }
      return ok(out);
    },
  };
}

/** Marks an object field as optional (it may be absent or undefined). */
export interface OptionalSchema<T> extends Schema<T | undefined> {
  readonly optional: true;
}

export function optional<T>(schema: Schema<T>): OptionalSchema<T> {
  return {
    optional: true,
    describe: schema.describe,
    check: (input, path) => (input === undefined ? ok(undefined) : schema.check(input, path)),
  };
}

type Shape = Readonly<Record<string, Schema<unknown>>>;
type OptionalKeys<S extends Shape> = {
  [K in keyof S]: S[K] extends OptionalSchema<unknown> ? K : never;
}[keyof S];
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>;
export type ObjectOf<S extends Shape> = {
  readonly [K in RequiredKeys<S>]: Infer<S[K]>;
} & { readonly [K in OptionalKeys<S>]?: Infer<S[K]> };

/** A plain object with exactly these fields: unknown fields are refused, so typos surface. */
export function object<S extends Shape>(shape: S): Schema<ObjectOf<S>> {
  const keys = Object.keys(shape);
  const describe = `an object with fields ${keys.join(', ') || '(none)'}`;
  return {
    describe,
    check: (input, path) => {
      if (typeof input !== 'object' || input === null || Array.isArray(input)) {
        return fail(path, describe);
      }
      const record = input as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        if (!(key in shape))
          return { ok: false, error: `${path || 'message'} has an unknown field "${key}"` };
      }
      const out: Record<string, unknown> = {};
      for (const key of keys) {
        const schema = shape[key];
        if (schema === undefined) continue;
        const result = schema.check(record[key], path ? `${path}.${key}` : key);
        if (!result.ok) return result;
        if (result.value !== undefined) out[key] = result.value;
      }
      return ok(out as ObjectOf<S>);
    },
  };
}

/** A union discriminated by its `kind` field, so the error names the variant that was meant. */
export function variant<const V extends Readonly<Record<string, Schema<object>>>>(
  variants: V,
): Schema<{ [K in keyof V]: Infer<V[K]> & { readonly kind: K } }[keyof V]> {
  const kinds = Object.keys(variants);
  const describe = `an object whose kind is one of ${kinds.join(', ')}`;
  return {
    describe,
    check: (input, path) => {
      if (typeof input !== 'object' || input === null) return fail(path, describe);
      const { kind, ...rest } = input as Record<string, unknown>;
      const schema = typeof kind === 'string' ? variants[kind] : undefined;
      if (schema === undefined)
        return fail(path ? `${path}.kind` : 'kind', `one of ${kinds.join(', ')}`);
      const result = schema.check(rest, path);
      if (!result.ok) return result;
      return ok({ ...result.value, kind } as never);
    },
  };
}

/** Raw bytes (Uint8Array); structured clone and our WebSocket codec both deliver this type. */
export function bytes(options: { readonly max?: number } = {}): Schema<Uint8Array> {
  const max = options.max ?? DEFAULT_MAX_STRING;
  const describe = `bytes (at most ${max})`;
  return {
    describe,
    check: (input, path) =>
      input instanceof Uint8Array && input.byteLength <= max ? ok(input) : fail(path, describe),
  };
}
