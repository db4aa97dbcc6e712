// The end of an exhaustive switch: the compiler proves it unreachable, and at run time a value outside the union
// throws.

/** `default: return assertNever(x, 'fault kind')`: adding a member to x's union is a type error until it is handled. */
export function assertNever(value: never, what: string): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
