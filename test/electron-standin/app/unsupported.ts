/**
 * Every stand-in object is wrapped so that reaching for an Electron API it does not implement
 * throws at once, naming the API: a new use of Electron cannot pass a test silently.
 */

/** Property reads that JavaScript itself makes on any object (promises, JSON, inspection). */
const LANGUAGE_PROBES = new Set(['then', 'toJSON', 'constructor', 'asymmetricMatch', 'nodeType']);

export class NotImplementedInStandin extends Error {
  constructor(api: string) {
    super(
      `Electron stand-in: ${api} is not implemented (test/electron-standin/README.md lists what is; add it there, with the Electron doc it follows).`,
    );
    this.name = 'NotImplementedInStandin';
  }
}

/** Wraps `target` so that reading a property it does not have throws NotImplementedInStandin. */
export function guarded<T extends object>(name: string, target: T): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      if (typeof property === 'symbol' || property in object || LANGUAGE_PROBES.has(property))
        return Reflect.get(object, property, receiver) as unknown;
      throw new NotImplementedInStandin(`${name}.${property}`);
    },
  });
}

/** An Electron `Event` (docs/api/structures/event.md): preventDefault and what it recorded. */
export interface StandinEvent {
  preventDefault(): void;
  readonly defaultPrevented: boolean;
}

export function electronEvent<T extends object>(extra: T): StandinEvent & T {
  let prevented = false;
  return {
    ...extra,
    preventDefault: () => {
      prevented = true;
    },
    get defaultPrevented() {
      return prevented;
    },
  };
}
