/**
 * Runs async tasks with at most `limit` in flight, results in task order. For work split to use
 * both PostgreSQL's cores without taking every connection of the pool (other requests queue for
 * one and give up after the pool's connect timeout).
 */
export async function inParallel<T>(tasks: ReadonlyArray<() => Promise<T>>, limit: number): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
