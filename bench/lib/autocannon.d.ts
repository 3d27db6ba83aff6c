// The parts of autocannon's API the benchmarks use (the package ships no types).
declare module 'autocannon' {
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    timeout?: number;
    requests?: Array<{ method?: string; path?: string; headers?: Record<string, string>; body?: string; setupRequest?: unknown }>;
  }
  interface Result {
    duration: number;
    requests: { total: number; average: number };
    latency: { p50: number; p99: number; average: number };
    non2xx: number;
    errors: number;
    timeouts: number;
  }
  /** A run: awaitable for its result, and an event emitter ('response' once per answer). */
  interface Run extends PromiseLike<Result> {
    on(event: 'response', listener: () => void): Run;
  }
  function autocannon(options: Options): Run;
  export default autocannon;
}
