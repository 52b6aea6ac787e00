import type { Counters } from './types';

/** Mutable tallies behind the read-only `Counters` snapshot. */
export class CounterSet {
  #apiRequests = new Map<string, number>();
  #handshakes = new Map<string, number>();
  #terminalConnections = 0;
  #bytesIn = 0;
  #bytesOut = 0;
  #pingsSent = 0;

  apiRequest(route: string): void {
    this.#apiRequests.set(route, (this.#apiRequests.get(route) ?? 0) + 1);
  }

  handshake(status: number): void {
    const key = String(status);
    this.#handshakes.set(key, (this.#handshakes.get(key) ?? 0) + 1);
  }

  terminalConnected(): void {
    this.#terminalConnections += 1;
  }

  bytesIn(n: number): void {
    this.#bytesIn += n;
  }

  bytesOut(n: number): void {
    this.#bytesOut += n;
  }

  pingSent(): void {
    this.#pingsSent += 1;
  }

  snapshot(): Counters {
    return {
      api_requests: Object.fromEntries(this.#apiRequests),
      handshakes: Object.fromEntries(this.#handshakes),
      terminal_connections: this.#terminalConnections,
      bytes_in: this.#bytesIn,
      bytes_out: this.#bytesOut,
      pings_sent: this.#pingsSent,
    };
  }

  reset(): void {
    this.#apiRequests = new Map();
    this.#handshakes = new Map();
    this.#terminalConnections = 0;
    this.#bytesIn = 0;
    this.#bytesOut = 0;
    this.#pingsSent = 0;
  }
}
