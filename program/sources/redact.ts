/**
 * Keep credentials out of error messages, logs and plans. A source builds one redactor from the
 * secrets it holds (token, password, AWS keys) and passes every message through it, including
 * text a server sent back (a misconfigured proxy may echo the Authorization header).
 */

const REDACTED = "[REDACTED]";
/** Secrets shorter than this are only removed where they stand alone (see makeRedactor). */
const SHORT_SECRET = 6;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Patterns that look like credentials whatever their value: replaced even when not known. */
const GENERIC_PATTERNS: readonly [RegExp, string][] = [
  // Authorization header values.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  // user:password@ in URLs.
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@"']+@/gi, `$1${REDACTED}@`],
  // AWS access key ids (long-term AKIA…, temporary ASIA…).
  [/\b(AKIA|ASIA)[A-Z0-9]{16}\b/g, REDACTED],
  // key=value pairs in query strings, headers or config dumps.
  [
    /\b(aws_secret_access_key|aws_session_token|x-amz-security-token|x-amz-signature|x-amz-credential|signature|password|passwd|secret|token|access_token|api_key|apikey)(["']?\s*[=:]\s*["']?)[^\s&"',;]+/gi,
    `$1$2${REDACTED}`,
  ],
];

/**
 * The forms a known secret may take in text: as is, URL-encoded, JSON-escaped and base64
 * (a basic-auth header carries `base64(user:password)`).
 */
function variants(secret: string): string[] {
  const forms = new Set<string>([secret]);
  forms.add(encodeURIComponent(secret));
  forms.add(JSON.stringify(secret).slice(1, -1));
  forms.add(Buffer.from(secret, "utf8").toString("base64"));
  forms.add(Buffer.from(secret, "utf8").toString("base64").replace(/=+$/, ""));
  return [...forms].filter((f) => f.length > 0);
}

/**
 * Build a function that removes the given secrets and anything credential-like from a text.
 *
 * @param secrets the values to remove; `undefined` and empty strings are ignored.
 * @returns a pure function from text to redacted text.
 */
export function makeRedactor(secrets: readonly (string | undefined)[]): (text: string) => string {
  const known = secrets
    .filter((s): s is string => typeof s === "string" && s.length > 0)
    .flatMap(variants)
    // Longest first, so a secret that contains another is removed whole.
    .sort((a, b) => b.length - a.length);
  return (text: string): string => {
    let out = text;
    for (const s of known) {
      // A short secret (say "t") would also match inside ordinary words and garble the message:
      // remove it only where it stands alone; longer ones go wherever they appear.
      out =
        s.length >= SHORT_SECRET
          ? out.split(s).join(REDACTED)
          : out.replace(
              new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(s)}(?![A-Za-z0-9])`, "g"),
              REDACTED,
            );
    }
    for (const [pattern, replacement] of GENERIC_PATTERNS) out = out.replace(pattern, replacement);
    return out;
  };
}

/**
 * A URL fit for a message: no user or password, and credential-like query parameters blanked.
 *
 * @param url any URL; a string that does not parse is redacted as text.
 * @returns the URL without credentials, e.g. `http://prom:9090/` for `http://u:p@prom:9090/`.
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return makeRedactor([])(url);
  }
  parsed.username = "";
  parsed.password = "";
  for (const key of [...parsed.searchParams.keys()]) {
    if (/token|pass|secret|key|auth|signature|credential/i.test(key)) {
      parsed.searchParams.set(key, REDACTED);
    }
  }
  // Drop the trailing slash the URL class adds to a bare origin: `http://host:9090`, as written.
  const text = parsed.toString();
  return text.endsWith("/") && !url.endsWith("/") ? text.slice(0, -1) : text;
}
