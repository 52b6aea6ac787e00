/**
 * One typed event emitter for the contract's control events (issue 17 item 3): services publish
 * to it directly and every listener is a disposable, instead of hand-written listener sets.
 */

export type Unsubscribe = () => void;

export type AnyListener<Events> = <E extends keyof Events>(name: E, payload: Events[E]) => void;

/** Property signatures (not methods): `emit` and `on` can be handed around unbound. */
export interface Emitter<Events> {
  readonly emit: <E extends keyof Events>(name: E, payload: Events[E]) => void;
  readonly on: <E extends keyof Events>(
    name: E,
    listener: (payload: Events[E]) => void,
  ) => Unsubscribe;
  /** Every event, in the order emitted (transports forward them all). */
  readonly onAny: (listener: AnyListener<Events>) => Unsubscribe;
  readonly clear: () => void;
}

/** Creates an emitter; a listener added or removed during an emit takes effect from the next one. */
export function createEmitter<Events>(): Emitter<Events> {
  const named = new Map<keyof Events, Set<(payload: never) => void>>();
  const any = new Set<AnyListener<Events>>();
  return {
    emit: (name, payload) => {
      for (const listener of [...(named.get(name) ?? [])]) listener(payload as never);
      for (const listener of [...any]) listener(name, payload);
    },
    on: (name, listener) => {
      let set = named.get(name);
      if (set === undefined) {
        set = new Set();
        named.set(name, set);
      }
      const entry = listener as (payload: never) => void;
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
    onAny: (listener) => {
      any.add(listener);
      return () => {
        any.delete(listener);
      };
    },
    clear: () => {
      named.clear();
      any.clear();
    },
  };
}
