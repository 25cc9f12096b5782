// A condition a statement checks in its own snapshot: what the caller assumed without reading it first (the
// indexed attributes, the connector a name meant), so the assumption costs no round trip of its own on a server.
// A statement that finds rows under it ran under the assumption; one that finds none proves nothing, and the caller
// reads what it assumed and asks again.

/** SQL true while the assumption holds, and its parameters. */
export interface SqlGuard {
  readonly guard: string;
  readonly params: readonly unknown[];
}
