/**
 * The provider assigns a reserved address only when it creates the resource; under mocks the
 * address pool tests give each slot a predictable one, built from the slot's index (the last
 * `-`-separated part of its resource name), so the shadow table can be asserted.
 */
import * as pulumi from "@pulumi/pulumi";

/** The state fields a created resource gets, from its slot's index, e.g. `{ privateIp: "10.0.0.3" }`. */
export type AssignAddress = (index: string | undefined) => Record<string, string>;

/**
 * Wrap the mocks already set (call after `setMocks`): a new resource of a type listed gets the
 * fields its function returns in its state.
 *
 * @param byType what to assign, by resource type token
 */
export function assignAddresses(byType: Readonly<Record<string, AssignAddress>>): void {
  const monitor = pulumi.runtime.getMonitor() as unknown as { mocks: pulumi.runtime.Mocks };
  const base = monitor.mocks.newResource.bind(monitor.mocks);
  monitor.mocks.newResource = async (args) => {
    const result = await base(args);
    const assign = byType[args.type];
    if (assign !== undefined) {
      result.state = { ...result.state, ...assign(args.name.split("-").pop()) };
    }
    return result;
  };
}
