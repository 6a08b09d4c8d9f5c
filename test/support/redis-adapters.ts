import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';

/** Socket.IO Redis adapters for test nodes, each on its own pair of connections to `url`; `close` quits them all. */
export function redisAdapters(url: string) {
  const clients: Array<ReturnType<typeof createClient>> = [];
  return {
    async adapter() {
      const pub = createClient({ url });
      const sub = pub.duplicate();
      clients.push(pub, sub);
      await Promise.all([pub.connect(), sub.connect()]);
      return createAdapter(pub, sub);
    },
    close: () => Promise.all(clients.map((c) => c.quit().catch(() => undefined))),
  };
}
