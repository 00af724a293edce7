// A client-side deadline on work sent to the server: a server that accepted the connection and then stopped
// answering (hung, paused, behind a stalled proxy) would otherwise keep a command waiting forever, since the
// server's own transaction timeout is enforced by the server.
import { StoreError } from './errors';

/** Seconds allowed past the server-side timeout before the client gives up on its own. */
export const CLIENT_GRACE_SEC = 10;

/**
 * `work`, or a StoreError saying `what` got no answer within `seconds`, whichever comes first. The timer never
 * keeps the process alive and is cleared as soon as the work settles.
 */
export async function withDeadline<T>(work: Promise<T>, seconds: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new StoreError(`${what}: no answer from the server within ${seconds} s`)),
      seconds * 1000,
    );
    timer.unref();
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
