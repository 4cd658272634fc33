import { inParallel } from "../../db/in-parallel";

describe("inParallel", () => {
  it("keeps at most `limit` tasks in flight and returns results in task order", async () => {
    let running = 0;
    let peak = 0;
    const tasks = [30, 5, 20, 1, 10].map((ms, i) => async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, ms));
      running--;
      return i;
    });
    expect(await inParallel(tasks, 2)).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
    expect(await inParallel([], 3)).toEqual([]);
  });

  it("rejects with the first failure", async () => {
    await expect(inParallel([async () => 1, async () => Promise.reject(new Error("boom"))], 2)).rejects.toThrow("boom");
  });
});
