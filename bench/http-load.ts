// Workload 6's load generator, in its own process: autocannon against one URL with a session cookie,
// a warm-up run first (discarded). Prints one JSON line.
import autocannon from "autocannon";

const { url, cookie, connections, warmupS, durationS } = JSON.parse(process.argv[2]) as {
  url: string;
  cookie: string;
  connections: number;
  warmupS: number;
  durationS: number;
};

const run = (duration: number) => autocannon({ url, connections, duration, headers: { cookie } });
await run(warmupS);
const result = await run(durationS);
console.log(
  JSON.stringify({
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  }),
);
