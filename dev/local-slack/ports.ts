import net from 'node:net';

/**
 * Asks the OS for a free TCP port on 127.0.0.1 and releases it. There is a small race until the caller binds it;
 * prefer binding port 0 directly when the API returns the server (LocalSlack.start, Bolt's app.start).
 */
export function getFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
