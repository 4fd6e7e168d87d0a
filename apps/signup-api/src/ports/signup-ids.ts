/** Port: issues signup ids, so the use case is tested with known ids. */
export interface SignupIds {
  /** A new, unique signup id (a UUID). */
  next(): string;
}
