/**
 * Lenient readers for GitLab's JSON: extra fields are ignored (GitLab adds them all the time), but a
 * field we rely on with the wrong type makes the whole answer 'malformed' instead of a crash later.
 */

/** A JSON answer did not have the shape we rely on. */
export class WireShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireShapeError';
  }
}

export type WireRecord = Readonly<Record<string, unknown>>;

/** The value as an object, or a WireShapeError naming `what`. */
export function asRecord(value: unknown, what: string): WireRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new WireShapeError(`${what} is not an object`);
  }
  return value as WireRecord;
}

/** The value as an array, or a WireShapeError naming `what`. */
export function asArray(value: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(value)) throw new WireShapeError(`${what} is not a list`);
  return value as readonly unknown[];
}

/** A required number field. */
export function num(record: WireRecord, key: string, what: string): number {
  const value = record[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new WireShapeError(`${what}.${key} is not a number`);
  }
  return value;
}

/** A required string field. */
export function str(record: WireRecord, key: string, what: string): string {
  const value = record[key];
  if (typeof value !== 'string') throw new WireShapeError(`${what}.${key} is not a string`);
  return value;
}

/** An optional string field: absent or null gives null. */
export function optStr(record: WireRecord, key: string, what: string): string | null {
  const value = record[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new WireShapeError(`${what}.${key} is not a string`);
  return value;
}

/** An optional number field: absent or null gives null. */
export function optNum(record: WireRecord, key: string, what: string): number | null {
  const value = record[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new WireShapeError(`${what}.${key} is not a number`);
  }
  return value;
}

/** An optional boolean field: absent or null gives null. */
export function optBool(record: WireRecord, key: string, what: string): boolean | null {
  const value = record[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'boolean') throw new WireShapeError(`${what}.${key} is not true or false`);
  return value;
}

/** An optional nested object: absent or null gives null. */
export function optRecord(record: WireRecord, key: string, what: string): WireRecord | null {
  const value = record[key];
  if (value === undefined || value === null) return null;
  return asRecord(value, `${what}.${key}`);
}

/** A list of strings; absent gives an empty list. */
export function strList(record: WireRecord, key: string, what: string): readonly string[] {
  const value = record[key];
  if (value === undefined || value === null) return [];
  return asArray(value, `${what}.${key}`).map((item, index) => {
    if (typeof item !== 'string')
      throw new WireShapeError(`${what}.${key}[${index}] is not a string`);
    return item;
  });
}
