import { makeRedactor, redactUrl } from "../../../program/sources/redact";

describe("makeRedactor", () => {
  test("removes a known secret in every form it travels in", () => {
    const secret = "p@ss word/+=";
    const redact = makeRedactor([secret, undefined, ""]);
    const text = [
      secret,
      encodeURIComponent(secret),
      JSON.stringify(`x"${secret}`),
      Buffer.from(secret).toString("base64"),
    ].join(" | ");
    const out = redact(text);
    expect(out).not.toContain(secret);
    expect(out).not.toContain(encodeURIComponent(secret));
    expect(out).not.toContain(Buffer.from(secret).toString("base64"));
    expect(out.match(/\[REDACTED\]/g)).toHaveLength(4);
  });

  test("removes credential-looking text it was not told about", () => {
    const redact = makeRedactor([]);
    expect(redact("Authorization: Bearer abc.def-ghi")).toBe("Authorization: Bearer [REDACTED]");
    expect(redact("header Basic dXNlcjpwYXNz was refused")).toBe(
      "header Basic [REDACTED] was refused",
    );
    expect(redact("see https://bob:pw@host:9090/x")).toBe("see https://[REDACTED]@host:9090/x");
    expect(redact("Credential=AKIAIOSFODNN7EXAMPLE/20260101")).toBe(
      "Credential=[REDACTED]/20260101",
    );
    expect(redact("?token=abc&x=1 password: hunter2")).toBe(
      "?token=[REDACTED]&x=1 password: [REDACTED]",
    );
    expect(redact("aws_secret_access_key=wJalrXUtnFEMI")).toBe("aws_secret_access_key=[REDACTED]");
  });

  test("a short secret is removed where it stands alone, not inside words", () => {
    const redact = makeRedactor(["t", "a.b"]);
    expect(redact("http protocol is not allowed; user t; key a.b; axb")).toBe(
      "http protocol is not allowed; user [REDACTED]; key [REDACTED]; axb",
    );
  });

  test("leaves ordinary text alone", () => {
    const text =
      'prometheus http://127.0.0.1:9090 query "sum(rate(x[5m]))": answered HTTP 400 bad_data';
    expect(makeRedactor(["zzz-not-present"])(text)).toBe(text);
  });
});

describe("redactUrl", () => {
  test("drops user and password and blanks credential parameters", () => {
    expect(redactUrl("http://u:p@prom:9090")).toBe("http://prom:9090");
    expect(redactUrl("https://prom/api?access_token=abc&x=1")).toBe(
      "https://prom/api?access_token=%5BREDACTED%5D&x=1",
    );
    expect(redactUrl("http://prom:9090/")).toBe("http://prom:9090/");
  });

  test("a string that is not a URL is redacted as text", () => {
    expect(redactUrl("not a url token=abc")).toBe("not a url token=[REDACTED]");
  });
});
