export { HistoryError } from "./errors";
export { parseTimestamp, isoUtc } from "./timestamp";
export { cleanPoints } from "./clean";
export { parseHistoryCsv, parseHistoryRows } from "./parse-csv";
export type { HistoryRows } from "./parse-csv";
export { inferStep } from "./infer-step";
export { resample, resampleWithRepairs } from "./resample";
export type { ResampleOptions, ResampleResult } from "./resample";
