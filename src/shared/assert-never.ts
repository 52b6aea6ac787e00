/** Exhaustiveness check for discriminated unions: a new variant is a compile error at every switch. */
export function assertNever(value: never, context = 'value'): never {
  throw new Error(`Unexpected ${context}: ${JSON.stringify(value)}`);
}
