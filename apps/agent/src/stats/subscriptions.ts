/**
 * Which containers (and whether the host) the web wants live samples for. The web aggregates its
 * browsers' interest and tells the agent the union; the agent just keeps the set and clears it
 * when the link drops (the web resubscribes after reconnecting).
 */
export class StatsSubscriptions {
  readonly #ids = new Set<string>();
  #host = false;

  add(ids: readonly string[], host?: boolean): void {
    for (const id of ids) this.#ids.add(id);
    if (host !== undefined) this.#host ||= host;
  }

  remove(ids: readonly string[], host?: boolean): void {
    for (const id of ids) this.#ids.delete(id);
    if (host === true) this.#host = false;
  }

  clear(): void {
    this.#ids.clear();
    this.#host = false;
  }

  has(id: string): boolean {
    return this.#ids.has(id);
  }

  get host(): boolean {
    return this.#host;
  }

  ids(): string[] {
    return [...this.#ids];
  }

  get empty(): boolean {
    return this.#ids.size === 0 && !this.#host;
  }
}
