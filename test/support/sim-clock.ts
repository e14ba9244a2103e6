/** A clock that only moves when told to: probe deadlines and backoff run in simulated time. */
export class SimClock {
  private current: number;

  constructor(start: Date = new Date()) {
    this.current = start.getTime();
  }

  now = (): Date => new Date(this.current);

  advance(seconds: number): void {
    this.current += Math.max(0, seconds) * 1000;
  }

  /** Seconds since `from`. */
  since(from: Date | string): number {
    return (this.current - new Date(from).getTime()) / 1000;
  }
}
