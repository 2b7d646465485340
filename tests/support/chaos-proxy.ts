import net from "node:net";

/**
 * A loopback TCP proxy that misbehaves on purpose, driven by a seeded random source: every chunk is
 * held for a random delay (order kept within a connection, so messages of different clients overtake
 * each other), and connections are cut at random moments. `heal()` makes it a plain proxy again.
 */
export async function startChaosProxy(
  targetPort: number,
  random: () => number,
  options: { maxDelayMs: number; dropEveryMs: number; dropChance: number },
) {
  let maxDelay = options.maxDelayMs;
  let dropped = 0;
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();

  const relay = (from: net.Socket, to: net.Socket) => {
    let last = 0;
    from.on("data", (chunk) => {
      const at = Math.max(last, Date.now() + Math.floor(random() * maxDelay));
      last = at;
      const deliver = () => {
        if (!to.destroyed) to.write(chunk);
      };
      if (at <= Date.now()) deliver();
      else setTimeout(deliver, at - Date.now());
    });
  };

  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, "127.0.0.1");
    const pair = { client, upstream };
    pairs.add(pair);
    const close = () => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    for (const socket of [client, upstream]) {
      socket.on("error", close);
      socket.on("close", close);
    }
    relay(client, upstream);
    relay(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;

  const dropper = setInterval(() => {
    for (const pair of pairs) {
      if (random() < options.dropChance) {
        dropped += 1;
        pair.client.destroy();
        pair.upstream.destroy();
      }
    }
  }, options.dropEveryMs);

  return {
    url: `http://127.0.0.1:${port}`,
    get dropped() {
      return dropped;
    },
    heal() {
      clearInterval(dropper);
      maxDelay = 0;
    },
    async close() {
      clearInterval(dropper);
      for (const pair of pairs) {
        pair.client.destroy();
        pair.upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
