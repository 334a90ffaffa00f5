/**
 * The Pulumi side every traffic-weights component shares: resolve the weights (plan, observe vs
 * enforce) right after the component is registered, publish the shared outputs, and register them
 * last. Each cloud's component only declares its weighted resources (when `resolved.declared`).
 */
import * as pulumi from "@pulumi/pulumi";
import type { TrafficWeightsArgsBase } from "./weights-args";
import { resolveTrafficWeights, type ResolvedTrafficWeights } from "./weights-mode";
import { summarizeWeights } from "./weights-summary";
import type { WeightChange } from "./weights-types";

/** A traffic-weights component: the shared outputs `mode`, `weights`, `plannedWeights`, `why`, `changes`, `summary`. */
export abstract class TrafficWeightsComponent extends pulumi.ComponentResource {
  /** The weight plan and what is declared, as plain data (see {@link ResolvedTrafficWeights}). */
  public readonly resolved: ResolvedTrafficWeights;
  /** The mode applied: `observe` (default) or `enforce`. */
  public readonly mode: pulumi.Output<"observe" | "enforce">;
  /** Weights declared, by backend name (observe: the previous ones, `{}` when nothing is declared). */
  public readonly weights: pulumi.Output<Record<string, number>>;
  /** Weights enforce mode declares, by backend name, summing to the total. */
  public readonly plannedWeights: pulumi.Output<Record<string, number>>;
  /** The why, one sentence per line (observe mode: first what is declared instead). */
  public readonly why: pulumi.Output<string[]>;
  /** Per backend: previous → planned weight (would-be changes in observe mode). */
  public readonly changes: pulumi.Output<WeightChange[]>;
  /** One line for humans (`[observe] …` in observe mode). */
  public readonly summary: pulumi.Output<string>;

  /**
   * Registers the component (validate its args BEFORE calling this) and resolves the weights.
   *
   * @param type the component's type token, e.g. `shadowpool:aws:TrafficWeights`
   * @param name the component's name
   * @param args the shared traffic-weights args
   * @param maxTotal the provider's largest total (see {@link resolveTrafficWeights})
   * @param opts the component's options
   * @throws Error listing every invalid field (from {@link resolveTrafficWeights})
   */
  protected constructor(
    type: string,
    name: string,
    args: TrafficWeightsArgsBase,
    maxTotal: number | undefined,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super(type, name, {}, opts);
    const plan = resolveTrafficWeights(args, maxTotal);
    this.resolved = plan;
    this.mode = pulumi.output(plan.mode);
    this.weights = pulumi.output(plan.weights);
    this.plannedWeights = pulumi.output(plan.plannedWeights);
    this.why = pulumi.output(plan.why);
    this.changes = pulumi.output(plan.changes);
    this.summary = pulumi.output(summarizeWeights(name, plan));
  }

  /** Registers the shared outputs; call it last in the constructor. */
  protected registerWeightsOutputs(): void {
    this.registerOutputs({
      mode: this.mode,
      weights: this.weights,
      plannedWeights: this.plannedWeights,
      why: this.why,
      changes: this.changes,
      summary: this.summary,
    });
  }
}
