/**
 * Bad demand history: the message names the source, the row or line, the value and the fix, e.g.
 * `history.csv line 17: value "abc" is not a number; fix the row or remove it`.
 * Several problems are reported together in one error, one per line.
 */
export class HistoryError extends Error {
  /** The individual problems, each a full sentence naming its row. */
  readonly problems: readonly string[];

  /**
   * @param problems one or more problem descriptions; at most `limit` are listed in the message.
   * @param limit how many problems to list before summarising the rest as "… and N more".
   */
  constructor(problems: string | readonly string[], limit = 10) {
    const list = typeof problems === "string" ? [problems] : [...problems];
    const shown = list.slice(0, limit);
    const more = list.length - shown.length;
    super(shown.join("\n") + (more > 0 ? `\n… and ${more} more problem(s) like these` : ""));
    this.name = "HistoryError";
    this.problems = list;
  }
}
