/**
 * The Shadowpool Pulumi program (Pulumi.yaml's `main`). `pulumi up --stack dev` runs it as is; the
 * offline preview (`shadowpool preview --stack dev`) runs this very module under Pulumi mocks.
 *
 * The program is async: it reads the previous deployment's state from the stack's own outputs and
 * loads every pool's history and claims BEFORE building any component, because which slot
 * resources exist must be decided from plain data. Stack outputs: `summary` (one line per pool),
 * `pools` (plan, why, slot table, changes per pool), `shadowTables` (address pools: slot → address →
 * state → since → expected for) and `shadowpool` (the state the next run reads).
 */
import * as pulumi from "@pulumi/pulumi";
import { findProjectRoot } from "./config/project";
import { rawConfigFrom } from "./config/read";
import { readPoolClaims } from "./claims-reader";
import { runProgram } from "./run";
import { loadHistory } from "./sources/load";
import { readStateFromStack } from "./state";

export = async (): Promise<Record<string, unknown>> => {
  const result = await runProgram({
    baseDir: findProjectRoot(__dirname),
    realNow: () => Math.floor(Date.now() / 1000),
    readConfig: () => rawConfigFrom(pulumi.runtime.allConfig(), process.env),
    readPrevious: readStateFromStack,
    loadHistory,
    readClaims: readPoolClaims,
  });
  const { summary, pools, shadowpool } = result.outputs;
  return { summary, pools, shadowTables: result.shadowTables, shadowpool };
};
