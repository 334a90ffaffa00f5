import { PassThrough } from "stream";
import { progressBar } from "../../../program/cli/progress";

/** A stream that records what is written, posing as a terminal or not. */
function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; written: () => string } {
  const chunks: string[] = [];
  const s = new PassThrough();
  s.on("data", (c: Buffer) => chunks.push(c.toString()));
  Object.assign(s, { isTTY, columns: 100, cursorTo: () => true, clearLine: () => true });
  return { stream: s as unknown as NodeJS.WriteStream, written: () => chunks.join("") };
}

describe("progressBar", () => {
  it("writes nothing when the stream is not a terminal", async () => {
    const { stream, written } = fakeStream(false);
    const bar = progressBar("backtest", stream);
    bar.update(1, 10);
    bar.update(10, 10);
    bar.stop();
    await new Promise((r) => setImmediate(r));
    expect(written()).toBe("");
  });

  it("draws a bar with the counts on a terminal", async () => {
    const { stream, written } = fakeStream(true);
    const bar = progressBar("backtest", stream);
    bar.update(5, 10);
    bar.update(10, 10);
    bar.stop();
    await new Promise((r) => setImmediate(r));
    expect(written()).toContain("backtest [");
    expect(written()).toContain("10/10 deployments");
  });
});
