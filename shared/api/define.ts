// Building blocks of the API contract: a method is a request schema and a response schema.
import type { z } from 'zod';

/** One API method: validated request in, validated response out. */
export interface MethodDef<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly description: string;
  readonly request: Req;
  readonly response: Res;
}

/** Declares a method; the key it is stored under in the contract is its name (and channel). */
export function method<Req extends z.ZodType, Res extends z.ZodType>(
  description: string,
  request: Req,
  response: Res,
): MethodDef<Req, Res> {
  return { description, request, response };
}
