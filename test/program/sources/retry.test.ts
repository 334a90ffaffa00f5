import { SourceError, withRetries } from "../../../program/sources/retry";

const fast = { startingDelayMs: 1, maxDelayMs: 2 };

test("retries retryable errors until success", async () => {
  const attempts: number[] = [];
  const result = await withRetries(
    async (n) => {
      attempts.push(n);
      if (n < 3) throw new SourceError("HTTP 503", true);
      return "ok";
    },
    { retries: 3, ...fast },
  );
  expect(result).toBe("ok");
  expect(attempts).toEqual([1, 2, 3]);
});

test("stops at the first non-retryable error", async () => {
  let calls = 0;
  await expect(
    withRetries(
      async () => {
        calls++;
        throw new SourceError("HTTP 400 bad_data", false);
      },
      { retries: 5, ...fast },
    ),
  ).rejects.toThrow(/^HTTP 400 bad_data$/);
  expect(calls).toBe(1);
});

test("gives up after retries + 1 attempts and says so", async () => {
  let calls = 0;
  await expect(
    withRetries(
      async () => {
        calls++;
        throw new SourceError("timed out", true);
      },
      { retries: 2, ...fast },
    ),
  ).rejects.toThrow("timed out (gave up after 3 attempts)");
  expect(calls).toBe(3);
});

test("errors that are not SourceErrors are not retried", async () => {
  let calls = 0;
  await expect(
    withRetries(
      async () => {
        calls++;
        throw new TypeError("bug");
      },
      { retries: 2, ...fast },
    ),
  ).rejects.toThrow(TypeError);
  expect(calls).toBe(1);
});
