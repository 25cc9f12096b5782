// Reading one message of the console's WebSocket: size, encoding, JSON and shape are checked before anything
// reaches the engine, and every refusal becomes an error reply the console can show.
import { parseJsonInput, JsonInputError } from '../config/json-input.ts';
import type { WebClientMessage } from './web-protocol.ts';

/** The largest message the console may send; larger ones are answered with an error. */
export const MESSAGE_LIMIT = 16 * 1024 * 1024;
/** The largest frame the host reads at all; the socket is closed (1009) beyond it. */
export const FRAME_LIMIT = 64 * 1024 * 1024;
/** API requests are shallow; deeper nesting is refused before it reaches a validator. */
export const MESSAGE_DEPTH_LIMIT = 64;

/** A message the host will not relay, with the call id when it could be read. */
export class MessageRefused extends Error {
  constructor(
    readonly id: number | null,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The id and method at the start of a message, read without parsing it (the console writes them first). */
function peek(head: string): { id: number | null; method: string | null } {
  const id = /^\s*\{\s*"id"\s*:\s*(\d{1,15})\s*[,}]/.exec(head);
  const method = /"method"\s*:\s*"([A-Za-z.]{1,64})"/.exec(head);
  return { id: id ? Number(id[1]) : null, method: method ? method[1] : null };
}

function megabytes(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** Decodes and checks one WebSocket message; throws MessageRefused with a readable reason. */
export function readClientMessage(data: Buffer, isBinary: boolean): WebClientMessage {
  const head = peek(data.subarray(0, 256).toString('latin1'));
  if (isBinary) throw new MessageRefused(head.id, 'invalid-message', 'Binary messages are not accepted: send the call as JSON text');
  if (data.length > MESSAGE_LIMIT) {
    const message =
      head.method === 'config.import'
        ? `configuration too large for the console (${megabytes(data.length)}; the console accepts ${megabytes(MESSAGE_LIMIT)}); use \`idsync config import\``
        : `Message too large (${megabytes(data.length)}; the console accepts ${megabytes(MESSAGE_LIMIT)})`;
    throw new MessageRefused(head.id, 'message-too-large', message);
  }
  let text: string;
  try {
    text = utf8.decode(data);
  } catch {
    throw new MessageRefused(head.id, 'invalid-message', 'The message is not valid UTF-8 text');
  }
  let msg: unknown;
  try {
    msg = parseJsonInput(text, { maxDepth: MESSAGE_DEPTH_LIMIT });
  } catch (err) {
    const reason = err instanceof JsonInputError ? err.message : String(err);
    throw new MessageRefused(head.id, 'invalid-message', `The message is ${reason.startsWith('not') ? reason : `refused: ${reason}`}`);
  }
  const m = msg as Partial<WebClientMessage> | null;
  if (typeof m !== 'object' || m === null || Array.isArray(m) || typeof m.id !== 'number' || !Number.isSafeInteger(m.id)) {
    throw new MessageRefused(head.id, 'invalid-message', 'The message must be an object {"id": number, "method": string, "request": …}');
  }
  if (typeof m.method !== 'string') throw new MessageRefused(m.id, 'invalid-message', 'The message has no "method" string');
  return { id: m.id, method: m.method, request: m.request };
}
