/**
 * Evaluates a ValidatingAdmissionPolicy's CEL the way the API server does for one request —
 * each variable in order, visible to the later ones as `variables.<name>`, then every validation —
 * with an independent CEL implementation (@marcbachmann/cel-js), and prints the outcome as JSON.
 * Why a child process: the library is an ES module; Node ≥ 20.19 can require() it, jest's
 * CommonJS runtime cannot. Not a test file: claim-guard.test.ts starts it with
 * `node -r ts-node/register/transpile-only`.
 *
 * argv[2]: JSON `{ spec, requests: [{ request, oldObject, namespaceObject }] }`; prints one
 * `{ allowed, message? }` per request (an evaluation error counts under `failurePolicy`).
 */
import { evaluate } from "@marcbachmann/cel-js";

interface Spec {
  failurePolicy?: string;
  variables?: { name: string; expression: string }[];
  validations?: { expression: string; message?: string }[];
}

function admit(
  spec: Spec,
  bindings: Record<string, unknown>,
): { allowed: boolean; message?: string } {
  try {
    const variables: Record<string, unknown> = {};
    const context = { ...bindings, variables };
    for (const v of spec.variables ?? []) variables[v.name] = evaluate(v.expression, context);
    for (const check of spec.validations ?? []) {
      if (evaluate(check.expression, context) !== true) {
        return { allowed: false, message: check.message };
      }
    }
    return { allowed: true };
  } catch (err) {
    const message = `evaluation error: ${err instanceof Error ? err.message : String(err)}`;
    return { allowed: spec.failurePolicy === "Ignore", message };
  }
}

const input = JSON.parse(process.argv[2]) as { spec: Spec; requests: Record<string, unknown>[] };
process.stdout.write(`${JSON.stringify(input.requests.map((r) => admit(input.spec, r)))}\n`);
