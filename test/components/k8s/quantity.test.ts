/**
 * Kubernetes quantities against the semantics the Kubernetes documentation states (not against
 * this code's own output):
 * - [Q] https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/ — the
 *   grammar (`<signedNumber><suffix>`, binary SI `Ki…Ei`, decimal SI `m "" k M G T P E`, decimal
 *   exponent `e`/`E`, numbers `1`, `1.5`, `1.`, `.5`), "1.5 will be serialized as 1500m",
 *   "1.5Gi will be serialized as 1536Mi", "0.1m will rounded up to 1m", "1024 = 1Ki but 1000 = 1k";
 * - [R] https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/ — "0.1 is
 *   equivalent to the expression 100m"; "128974848, 129e6, 129M, 128974848000m, 123Mi" represent
 *   roughly the same memory; "400m of memory … is a request for 0.4 bytes".
 */
import {
  addQuantities,
  ceilUnits,
  isNonNegativeQuantity,
  maxQuantity,
  parseQuantity,
  type Quantity,
} from "../../../components/k8s/quantity";
import { roundRequest } from "../../../components/k8s/pod-requests";

/** The exact value as num/den in lowest terms, for readable expectations. */
const exact = (text: string): string => {
  const q = parseQuantity(text);
  return q === null ? "invalid" : `${q.num}/${q.den}`;
};
const q = (text: string): Quantity => parseQuantity(text) as Quantity;

describe("parseQuantity", () => {
  it("decimal SI suffixes are powers of 1000, binary ones powers of 1024 [Q]", () => {
    expect(exact("1k")).toBe("1000/1");
    expect(exact("1Ki")).toBe("1024/1");
    expect(exact("1M")).toBe("1000000/1");
    expect(exact("1Mi")).toBe("1048576/1");
    expect(exact("1G")).toBe("1000000000/1");
    expect(exact("1Gi")).toBe(`${2 ** 30}/1`);
    expect(exact("1T")).toBe("1000000000000/1");
    expect(exact("1Ti")).toBe(`${2 ** 40}/1`);
    expect(exact("1P")).toBe("1000000000000000/1");
    expect(exact("1Pi")).toBe(`${2n ** 50n}/1`);
    expect(exact("1E")).toBe("1000000000000000000/1");
    expect(exact("1Ei")).toBe(`${2n ** 60n}/1`);
    expect(exact("250m")).toBe("1/4");
  });

  it("1.5 = 1500m and 1.5Gi = 1536Mi [Q]; 0.1 = 100m [R]", () => {
    expect(parseQuantity("1.5")).toEqual(parseQuantity("1500m"));
    expect(parseQuantity("1.5Gi")).toEqual(parseQuantity("1536Mi"));
    expect(parseQuantity("0.1")).toEqual(parseQuantity("100m"));
  });

  it("128974848, 129e6, 129M, 128974848000m and 123Mi [R]: exact values", () => {
    expect(exact("128974848")).toBe("128974848/1");
    expect(exact("129e6")).toBe("129000000/1");
    expect(exact("129M")).toBe("129000000/1");
    expect(parseQuantity("128974848000m")).toEqual(parseQuantity("128974848"));
    expect(parseQuantity("123Mi")).toEqual(parseQuantity("128974848"));
  });

  it("decimal exponents with either letter and a sign; E alone is exa [Q]", () => {
    expect(exact("1e3")).toBe("1000/1");
    expect(exact("1E3")).toBe("1000/1");
    expect(exact("5e-1")).toBe("1/2");
    expect(exact("2E+2")).toBe("200/1");
    expect(exact("1.5e3")).toBe("1500/1");
  });

  it("every number form of the grammar, with a sign [Q]", () => {
    expect(exact("7")).toBe("7/1");
    expect(exact("7.")).toBe("7/1");
    expect(exact(".5")).toBe("1/2");
    expect(exact("+2")).toBe("2/1");
    expect(exact("-2")).toBe("-2/1");
    expect(exact("0")).toBe("0/1");
  });

  it("nano and micro, which the API server writes for tiny values, parse too", () => {
    expect(exact("500n")).toBe("1/2000000");
    expect(exact("2u")).toBe("1/500000");
  });

  it("anything else is not a quantity", () => {
    for (const bad of ["", ".", "m", "1.5.5", "1 Gi", "1gi", "1KB", "1e", "1e1.5", "abc", "0x10"]) {
      expect([bad, parseQuantity(bad)]).toEqual([bad, null]);
    }
    expect(parseQuantity(2)).toBeNull();
    expect(parseQuantity(undefined)).toBeNull();
    // Far beyond what a Quantity can hold (2^63 − 1): refused rather than computed.
    expect(parseQuantity("1e999999")).toBeNull();
  });

  it("requests must not be negative", () => {
    expect(isNonNegativeQuantity("0")).toBe(true);
    expect(isNonNegativeQuantity("1.5Gi")).toBe(true);
    expect(isNonNegativeQuantity("-1")).toBe(false);
    expect(isNonNegativeQuantity("2 cores")).toBe(false);
  });
});

describe("exact arithmetic", () => {
  it("adds without floating-point error: 100m + 200m = 300m (0.1 + 0.2 would not be 0.3)", () => {
    expect(addQuantities(q("100m"), q("200m"))).toEqual(q("300m"));
    expect(roundRequest("cpu", addQuantities(q("0.1"), q("0.2")))).toBe("300m");
  });

  it("compares across suffixes: 1Gi > 1G, 1000m = 1", () => {
    expect(maxQuantity(q("1G"), q("1Gi"))).toEqual(q("1Gi"));
    expect(maxQuantity(q("1000m"), q("1"))).toEqual(q("1"));
  });

  it("ceilUnits rounds up and refuses a unit that is not positive", () => {
    expect(ceilUnits(q("1001m"), q("1"))).toBe(2n);
    expect(ceilUnits(q("1"), q("1"))).toBe(1n);
    expect(ceilUnits(q("-3"), q("1"))).toBe(0n);
    expect(() => ceilUnits(q("1"), q("0"))).toThrow(RangeError);
  });
});

describe("roundRequest: clean quantities, rounded up", () => {
  it("cpu to whole millicores: 0.1m rounds up to 1m [Q]; whole cores without a suffix", () => {
    expect(roundRequest("cpu", q("0.1m"))).toBe("1m");
    expect(roundRequest("cpu", q("1.5"))).toBe("1500m");
    expect(roundRequest("cpu", q("2000m"))).toBe("2");
    expect(roundRequest("cpu", q("1500001u"))).toBe("1501m");
    expect(roundRequest("cpu", q("0"))).toBe("0");
  });

  it("memory to Mi, whole Gi shown as Gi: 123Mi stays, 129M (= 123.02Mi) is 124Mi [R]", () => {
    expect(roundRequest("memory", q("128974848"))).toBe("123Mi");
    expect(roundRequest("memory", q("129M"))).toBe("124Mi");
    expect(roundRequest("memory", q("1.5Gi"))).toBe("1536Mi");
    expect(roundRequest("memory", q("4096Mi"))).toBe("4Gi");
    // 400m of memory is 0.4 bytes [R]: still one Mi of room, never 0.
    expect(roundRequest("memory", q("400m"))).toBe("1Mi");
    expect(roundRequest("memory", q("0"))).toBe("0");
  });

  it("other byte-sized resources to Mi, extended resources to whole units", () => {
    expect(roundRequest("ephemeral-storage", q("1G"))).toBe("954Mi");
    expect(roundRequest("hugepages-2Mi", q("100Mi"))).toBe("100Mi");
    expect(roundRequest("nvidia.com/gpu", q("1"))).toBe("1");
    expect(roundRequest("example.com/dongle", q("1500m"))).toBe("2");
  });
});
