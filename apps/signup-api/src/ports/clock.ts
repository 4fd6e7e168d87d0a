/** Port: the current time, so the use case is tested at a fixed instant. */
export interface Clock {
  now(): Date;
}
