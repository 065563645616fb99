import { handle } from "../http/respond";
import { type ServerContext, serverContext } from "./context";
import { errorLog } from "./logger";

export interface RouteInput<P> {
  request: Request;
  ctx: ServerContext;
  now: Date;
  params: P;
}

/**
 * The one adapter between Next's route exports and our handlers: it hands each handler
 * the server context, the request time and its path parameters, turns the database being
 * unavailable into a 503, and renders every error.
 */
export function route<P = Record<string, never>>(handler: (input: RouteInput<P>) => Promise<Response>) {
  return handle(async (request: Request, segment?: { params: Promise<P> }) => {
    const ctx = serverContext();
    try {
      await ctx.assertDatabaseFilePresent();
      const params = segment ? await segment.params : ({} as P);
      const response = await ctx.settlingRevocations(() => handler({ request, ctx, now: new Date(), params }));
      ctx.databaseFaults.recovered();
      return response;
    } catch (error) {
      throw (await ctx.databaseFaults.answer(error)) ?? error;
    }
  }, errorLog);
}
