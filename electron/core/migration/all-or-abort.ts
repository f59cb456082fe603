/**
 * Runs tasks at the same time under one signal. When one fails, the others are cancelled through
 * that signal and awaited (so nothing of theirs still runs when the caller rolls back), then the
 * first failure is thrown; their own cancellation errors are not what the caller hears about.
 * Cancelling `parent` cancels all of them.
 */
export async function allOrAbort<T extends readonly unknown[]>(
  parent: AbortSignal | undefined,
  tasks: { readonly [K in keyof T]: (signal: AbortSignal) => Promise<T[K]> },
): Promise<T> {
  const siblings = new AbortController();
  const signal = parent ? AbortSignal.any([parent, siblings.signal]) : siblings.signal;
  // An array rather than a `let`: TypeScript does not see assignments made inside the callbacks.
  const failures: unknown[] = [];
  const started = (tasks as readonly ((signal: AbortSignal) => Promise<unknown>)[]).map(async (task) => {
    try {
      return await task(signal);
    } catch (error) {
      failures.push(error);
      siblings.abort();
      throw error;
    }
  });
  const settled = await Promise.allSettled(started);
  if (failures.length > 0) throw failures[0];
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
