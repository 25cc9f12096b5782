// Turning any failure into a readable message first, with the technical detail kept for a toggle.

/** What the console shows about a failure. */
export interface ErrorText {
  readonly code: string;
  readonly message: string;
  readonly detail: string | null;
}

const INNER = 'InnerException =>';

/**
 * The root cause buried in a sync rules engine trace: the text after the last `InnerException =>` marker
 * (its first non-empty line), or null when there is no marker.
 */
export function rootCause(text: string | null | undefined): string | null {
  if (!text) return null;
  const at = text.lastIndexOf(INNER);
  if (at < 0) return null;
  const line = text
    .slice(at + INNER.length)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l.length > 0);
  return line ?? null;
}

/** Readable message, stable code and detail (stack, server response) of an error of any shape. */
export function describeError(error: unknown, what?: string): ErrorText {
  if (error && typeof error === 'object') {
    const e = error as { code?: unknown; message?: unknown; detail?: unknown; stack?: unknown };
    const code = typeof e.code === 'string' ? e.code : 'error';
    const raw = typeof e.message === 'string' && e.message ? e.message : 'Unknown error';
    // An API error's detail comes from the engine; the console's own stack would only mislead there.
    const own = typeof e.stack === 'string' && typeof e.code !== 'string' ? e.stack : null;
    const detail = typeof e.detail === 'string' && e.detail ? e.detail : own;
    if (code === 'not-implemented') {
      return { code, message: `${what ? `${what}: ` : ''}the engine does not offer this yet.`, detail: raw };
    }
    if (code === 'host-unreachable') return { code, message: `${raw}. Check that the IdSync host is running.`, detail };
    // Admins should not have to scroll a trace for the real cause: it goes first.
    const cause = rootCause(detail) ?? rootCause(raw);
    const readable = cause && !raw.startsWith(cause) ? `${cause} (${raw.split(/\r?\n/)[0]})` : raw;
    return { code, message: what ? `${what}: ${readable}` : readable, detail: detail ?? (cause ? raw : null) };
  }
  return { code: 'error', message: what ? `${what}: ${String(error)}` : String(error), detail: null };
}

/**
 * An object's error message without the object's own name in front of it (the DN or file position is in its
 * own column already): "f.csv:3: f.csv:3 (anchor 1): duplicate" → "(anchor 1): duplicate".
 */
export function messageWithoutSubject(message: string, subject: string): string {
  if (!subject) return message;
  let text = message.trim();
  for (;;) {
    if (text.startsWith(`${subject}: `)) text = text.slice(subject.length + 2).trimStart();
    else if (text.startsWith(`${subject} `)) text = text.slice(subject.length + 1).trimStart();
    else return text || message;
  }
}
