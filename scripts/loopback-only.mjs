// Preloaded into the Agents Playground (`node --import scripts/loopback-only.mjs …`). It has
// no host option and calls `server.listen(port)`, which listens on every interface; this
// makes a TCP listen that names no host listen on 127.0.0.1. Listens that name a host, a
// socket path or a handle are left alone.
// Why and how it is checked: docs/decisions/018-agents-playground-on-loopback.md.
import net from 'node:net';

const LOOPBACK = '127.0.0.1';
const listen = net.Server.prototype.listen;

net.Server.prototype.listen = function listenOnLoopback(...args) {
  const [first] = args;
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    // listen(port[, host][, backlog][, callback])
    if (typeof args[1] !== 'string') args.splice(1, 0, LOOPBACK);
  } else if (first === undefined || typeof first === 'function') {
    // listen([callback]): any port
    args.unshift(0, LOOPBACK);
  } else if (typeof first === 'object' && first !== null) {
    const tcp = first.path === undefined && first.handle === undefined && first.fd === undefined;
    const isHandle = typeof first.listen === 'function' || first._handle !== undefined;
    if (tcp && !isHandle && first.host === undefined) args[0] = { ...first, host: LOOPBACK };
  }
  return listen.apply(this, args);
};
