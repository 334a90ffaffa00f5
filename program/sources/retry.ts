/**
 * Timeouts and retries for network sources. A request that times out, cannot connect or gets a
 * 5xx answer is retried with exponential backoff and jitter (the `exponential-backoff` library);
 * a 4xx answer or a malformed body is not: asking again would get the same answer.
 */
import { backOff } from "exponential-backoff";

/** A source failure. `retryable` says whether asking again may succeed. */
export class SourceError extends Error {
  readonly retryable: boolean;

  /**
   * @param message a full sentence without the source's name (the caller prefixes it).
   * @param retryable true for timeouts, connection errors and 5xx answers.
   */
  constructor(message: string, retryable: boolean) {
    super(message);
    this.name = "SourceError";
    this.retryable = retryable;
  }
}

/** How to retry. Delays are in milliseconds. */
export interface RetryOptions {
  /** Retries after the first attempt (0 = one attempt). */
  readonly retries: number;
  /** Delay before the first retry; doubles each time. Default 200. */
  readonly startingDelayMs?: number;
  /** Longest delay between two attempts. Default 5,000. */
  readonly maxDelayMs?: number;
}

/**
 * Run `attempt` until it succeeds, throws a non-retryable error, or runs out of retries.
 *
 * @param attempt the operation; receives the 1-based attempt number.
 * @param options how many retries and how long to wait between them.
 * @returns the first successful result.
 * @throws the last error, its message saying how many attempts were made when there were several.
 */
export async function withRetries<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  let attempts = 0;
  try {
    return await backOff(() => attempt(++attempts), {
      numOfAttempts: Math.max(1, Math.floor(options.retries) + 1),
      startingDelay: options.startingDelayMs ?? 200,
      maxDelay: options.maxDelayMs ?? 5_000,
      timeMultiple: 2,
      // Full jitter spreads retries of many pools hitting one server after an outage.
      jitter: "full",
      retry: (e: unknown) => e instanceof SourceError && e.retryable,
    });
  } catch (e) {
    if (attempts > 1 && e instanceof SourceError) {
      throw new SourceError(`${e.message} (gave up after ${attempts} attempts)`, e.retryable);
    }
    throw e;
  }
}

/** An HTTP answer read whole. */
export interface TextResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/**
 * One HTTP request whose headers AND body must arrive within `timeoutMs`: a server that sends
 * headers and then stalls times out too.
 *
 * @param url the URL, without credentials (fetch rejects URLs that carry them).
 * @param init method, headers, body.
 * @param timeoutMs the budget for the whole exchange.
 * @returns the status, content type and body text (any status: the caller decides).
 * @throws {SourceError} retryable, on a timeout or a connection error.
 */
export async function fetchText(
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<TextResponse> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await fetch(url, { ...init, signal: controller.signal });
    const body = await res.text();
    return { status: res.status, contentType: res.headers.get("content-type") ?? "", body };
  } catch (e) {
    if (controller.signal.aborted) {
      throw new SourceError(`no answer within ${timeoutMs} ms (timeoutMs)`, true);
    }
    throw new SourceError(`request failed: ${networkReason(e)}`, true);
  } finally {
    clearTimeout(timer);
  }
}

/** The most useful words of a fetch failure: undici hides the errno in `cause`. */
function networkReason(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } } | null)?.cause;
  if (cause?.code === "ECONNREFUSED") return "connection refused (ECONNREFUSED): is the server up?";
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ""}`;
  return e instanceof Error ? e.message : String(e);
}
