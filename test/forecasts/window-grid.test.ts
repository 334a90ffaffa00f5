import { windowGrid } from "../../forecasts/window-grid";

const HOUR = 3600;
const at = (iso: string): number => Date.parse(iso) / 1000;

describe("windowGrid", () => {
  // Ten hourly buckets up to 14:00 UTC on 11 March 2026 (10:00 in New York, summer time).
  const now = at("2026-03-11T14:00:00Z");
  const history = { start: now - 10 * HOUR, step: HOUR, values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] };

  it("moves the history, now and the events onto the pool's wall clock together", () => {
    // A launch from 09:00 to 10:00 New York time (13:00–14:00 UTC): the last history bucket.
    const launch = { name: "launch", start: at("2026-03-11T13:00:00Z"), end: now, factor: 2 };
    const g = windowGrid(history, now, HOUR, [launch], "America/New_York");
    expect(g.timeZone).toBe("America/New_York");
    expect(g.grid.end).toBe(now - 4 * HOUR); // 10:00 on the wall clock, as epoch seconds
    expect(g.eventSteps).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
    expect(g.grid.values[9]).toBe(5); // 10 divided by the launch's factor
    expect(g.wholeUnits).toBe(true);
    expect(g.grid.integerValued).toBe(false);
    expect(g.events).toEqual({ windowFactor: 1, inWindow: [], rescaledSteps: 1 });
  });

  it("leaves UTC and a history without events as they are", () => {
    const g = windowGrid(history, now, HOUR, [], "UTC");
    expect(g.timeZone).toBeNull();
    expect(g.events).toBeNull();
    expect(g.eventSteps).toEqual([]);
    expect(g.grid.values).toEqual(history.values);
    expect(g.grid.end).toBe(now);
  });
});
