// The process's one store: opened from the environment on first use, closed by the CLI when a command ends.
// Loads the driver only when first asked, so commands that never touch Neo4j start as fast as before.
import type { Store } from './connection';

let shared: Promise<Store> | undefined;

export function sharedStore(): Promise<Store> {
  shared ??= import('./connection').then((m) => m.openStore());
  return shared;
}

/** Seconds the store may take to close (a server that stopped answering never acknowledges it). */
export const CLOSE_DEADLINE_SEC = 5;

export async function closeSharedStore(): Promise<void> {
  const pending = shared;
  shared = undefined;
  if (!pending) return;
  const store = await pending.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, CLOSE_DEADLINE_SEC * 1000);
    timer.unref();
  });
  await Promise.race([store?.close().catch(() => undefined), deadline]);
  clearTimeout(timer);
}
