// As in Epic Stack: a console.error during a test is a bug somewhere, so the test fails.
import { afterEach, vi } from "vitest";

let errors: unknown[][] = [];
const original = console.error;

beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
    original(...args);
  });
});

afterEach(() => {
  vi.mocked(console.error).mockRestore();
  if (errors.length > 0) {
    throw new Error(`console.error was called ${errors.length} time(s); first: ${String(errors[0]?.[0])}`);
  }
});
