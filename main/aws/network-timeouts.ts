/**
 * How long any AWS request may take to connect, sit silent, or run in all before it is given up
 * as a failed attempt (docs/reliability.md, "Requests that never answer"). A request cut by one
 * of these fails with a TimeoutError, which the callers' retries treat as a dropped connection.
 */
export interface NetworkTimeouts {
  /** TCP (and TLS) connection set-up. */
  readonly connectMs: number;
  /** No byte sent or received for this long, in either direction, body included. */
  readonly stallMs: number;
  /** The whole request, a backstop for a trickle that never quite stalls. */
  readonly requestMs: number;
}

export const defaultNetworkTimeouts: NetworkTimeouts = {
  connectMs: 5_000,
  stallMs: 30_000,
  requestMs: 15 * 60_000,
};

/**
 * The SDK's Node HTTP handler options for `timeouts`. `socketTimeout` is the idle timer on the
 * socket (it also covers a response body that stops arriving); `requestTimeout` only logs a
 * warning unless `throwOnRequestTimeout` is set.
 */
export function awsRequestHandler(timeouts: NetworkTimeouts = defaultNetworkTimeouts) {
  return {
    connectionTimeout: timeouts.connectMs,
    socketTimeout: timeouts.stallMs,
    requestTimeout: timeouts.requestMs,
    throwOnRequestTimeout: true,
  };
}

/**
 * The same for a client whose default handler is HTTP/2 (Polly). Its stream idle timer runs from
 * the moment the request is made, so it bounds a connection that never completes as well as a
 * stall (a server that accepts TCP and never speaks is given up after `stallMs`); the session is
 * closed after as long idle. One session per request, as Polly's default.
 */
export function awsHttp2RequestHandler(timeouts: NetworkTimeouts = defaultNetworkTimeouts) {
  return {
    requestTimeout: timeouts.stallMs,
    sessionTimeout: timeouts.stallMs,
    disableConcurrentStreams: true,
  };
}
