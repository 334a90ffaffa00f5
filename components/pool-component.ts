/**
 * The Pulumi side every slot-pool component shares: resolve the pool (plan, slot table, what to
 * declare) right after the component is registered, publish the shared outputs, and register them
 * with the component's own outputs last. Each cloud's component only declares its child resources.
 */
import * as pulumi from "@pulumi/pulumi";
import type { PoolPlan } from "../forecasts/types";
import { resolvePool, type PoolArgsBase, type ResolvedPool } from "./pool";
import type { Slot, SlotChanges } from "./slots";

/** A slot-pool component: the shared outputs `plan`, `slots`, `changes`, `summary` and `resolved`. */
export abstract class PoolComponent extends pulumi.ComponentResource {
  /** Plan, slot table, declared slots, changes, summary as plain data (no await needed). */
  public readonly resolved: ResolvedPool;
  public readonly plan: pulumi.Output<PoolPlan>;
  /** The slot table enforce mode holds (in observe mode: what it would hold). */
  public readonly slots: pulumi.Output<Slot[]>;
  public readonly changes: pulumi.Output<SlotChanges>;
  public readonly summary: pulumi.Output<string>;

  /**
   * Registers the component (validate its args BEFORE calling this) and resolves the pool.
   *
   * @param type the component's type token, e.g. `shadowpool:aws:WarmPool`
   * @param name the component's name (slot names are `${name}-${index}`)
   * @param args the shared pool args
   * @param opts the component's options
   * @throws Error listing every invalid shared field (from {@link resolvePool})
   */
  protected constructor(
    type: string,
    name: string,
    args: PoolArgsBase,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super(type, name, {}, opts);
    this.resolved = resolvePool(name, args);
    this.plan = pulumi.output(this.resolved.plan);
    this.slots = pulumi.output(this.resolved.slots);
    this.changes = pulumi.output(this.resolved.changes);
    this.summary = pulumi.output(this.resolved.summary);
  }

  /**
   * Registers the shared outputs and the component's own; call it last in the constructor.
   *
   * @param own the component's own outputs, by output name
   */
  protected registerPoolOutputs(own: pulumi.Inputs = {}): void {
    this.registerOutputs({
      plan: this.plan,
      slots: this.slots,
      changes: this.changes,
      summary: this.summary,
      ...own,
    });
  }
}
