import {
  HistoryError,
  parseHistoryCsv,
  parseHistoryRows,
  parseTimestamp,
} from "../../../forecasts/series";

/** Expect `fn` to throw a HistoryError and return its message. */
function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(HistoryError);
    return (e as Error).message;
  }
  throw new Error("expected a HistoryError");
}

describe("parseTimestamp", () => {
  it("reads ISO-8601 with Z, with offsets, and without zone as UTC", () => {
    expect(parseTimestamp("2024-01-01T00:00:00Z")).toBe(1704067200);
    expect(parseTimestamp("2024-01-01T02:00:00+02:00")).toBe(1704067200);
    expect(parseTimestamp("2023-12-31T19:30:00-0430")).toBe(1704067200);
    expect(parseTimestamp("2024-01-01 00:00")).toBe(1704067200);
    expect(parseTimestamp("2024-01-01")).toBe(1704067200);
    expect(parseTimestamp("2024-01-01T00:00:00.25Z")).toBe(1704067200.25);
  });
  it("reads epoch seconds, integer or decimal", () => {
    expect(parseTimestamp("1704067200")).toBe(1704067200);
    expect(parseTimestamp("1704067200.5")).toBe(1704067200.5);
  });
  it("rejects impossible dates, milliseconds and garbage with a reason", () => {
    expect(parseTimestamp("2024-02-30T00:00:00Z")).toMatch(/not a valid date/);
    expect(parseTimestamp("1704067200000")).toMatch(/milliseconds/);
    expect(parseTimestamp("yesterday")).toMatch(/neither ISO-8601/);
  });
});

describe("parseHistoryCsv", () => {
  it("parses a header and rows, skipping blank lines and CRLF", () => {
    const h = parseHistoryCsv("time,demand\r\n2024-01-01T00:00:00Z,3\r\n\r\n1704070800,4.5\r\n");
    expect(h.points).toEqual([
      { t: 1704067200, v: 3 },
      { t: 1704070800, v: 4.5 },
    ]);
    expect(h.repairs).toEqual([]);
  });

  it("swaps the columns when the header names the second one as the time", () => {
    // Read the other way, the values 3 and 4 would pass for epoch seconds in 1970.
    for (const header of ["value,timestamp", "requests,Time", "y,ds"]) {
      const h = parseHistoryCsv(`${header}\n3,2024-01-01T00:00:00Z\n4,1704070800\n`);
      expect(h.points).toEqual([
        { t: 1704067200, v: 3 },
        { t: 1704070800, v: 4 },
      ]);
    }
    // Both or neither named as a time: the first column is the timestamp, as always.
    expect(parseHistoryCsv("time,timestamp\n1704067200,5\n").points).toEqual([
      { t: 1704067200, v: 5 },
    ]);
  });

  it("accepts a file without header and quoted cells", () => {
    const h = parseHistoryCsv('"1704067200","2"\n1704070800,1\n');
    expect(h.points.map((p) => p.v)).toEqual([2, 1]);
  });

  it("names the line, the value and the fix for a non-numeric value", () => {
    const text = ["timestamp,value", "1704067200,1", "1704070800,abc"].join("\n");
    expect(messageOf(() => parseHistoryCsv(text, "history.csv"))).toBe(
      'history.csv line 3: value "abc" is not a number; fix the row or remove it',
    );
  });

  it("reports every bad row at once: timestamp, column count, negative, empty", () => {
    const text = [
      "timestamp,value",
      "not-a-time,1",
      "1704067200,1,2",
      "1704070800,-2",
      "1704074400,",
      "1704078000,Infinity",
      "1704081600,5",
    ].join("\n");
    const msg = messageOf(() => parseHistoryCsv(text, "h.csv"));
    expect(msg.split("\n")).toEqual([
      'h.csv line 2: timestamp "not-a-time" is neither ISO-8601 (2024-01-31T13:00:00Z) nor epoch seconds; fix the row or remove it',
      "h.csv line 3: expected 2 columns (timestamp,value), found 3; fix the row or remove it",
      "h.csv line 4: value -2 is negative, but demand cannot be; fix the row or remove it",
      "h.csv line 5: value is empty; remove the row (gaps are filled when resampling)",
      'h.csv line 6: value "Infinity" is not a number; fix the row or remove it',
    ]);
  });

  it("caps the list at ten problems and says how many more", () => {
    const rows = Array.from({ length: 13 }, (_, i) => `${1704067200 + i * 60},x`);
    const msg = messageOf(() => parseHistoryCsv(["t,v", ...rows].join("\n"), "h.csv"));
    const lines = msg.split("\n");
    expect(lines).toHaveLength(11);
    expect(lines[9]).toMatch(/^h\.csv line 11:/);
    expect(lines[10]).toBe("… and 3 more problem(s) like these");
  });

  it("rejects a header with the wrong number of columns and a file without rows", () => {
    expect(messageOf(() => parseHistoryCsv("a,b,c\n1704067200,1\n", "h.csv"))).toMatch(
      /^h\.csv line 1: header "a,b,c" has 3 column\(s\)/,
    );
    expect(messageOf(() => parseHistoryCsv("timestamp,value\n\n", "h.csv"))).toMatch(
      /no data rows/,
    );
  });

  it("sorts unsorted rows and keeps the maximum of duplicates, reporting both", () => {
    const text = ["t,v", "1704070800,5", "1704067200,2", "1704070800,7", "1704070800,6"].join("\n");
    const h = parseHistoryCsv(text);
    expect(h.points).toEqual([
      { t: 1704067200, v: 2 },
      { t: 1704070800, v: 7 },
    ]);
    expect(h.repairs).toEqual([
      "1 row(s) were out of time order: sorted by timestamp",
      "2 duplicate timestamp(s) (first at 2024-01-01T01:00:00Z): kept the maximum value",
    ]);
  });

  it("parseHistoryRows keeps file order and line numbers", () => {
    const rows = parseHistoryRows("t,v\n\n1704070800,5\n1704067200,2\n");
    expect(rows.points).toEqual([
      { t: 1704070800, v: 5 },
      { t: 1704067200, v: 2 },
    ]);
    expect(rows.lines).toEqual([3, 4]);
  });
});
