/** Schemas of the frames a client sends over the WebSocket (see events.ts for what comes back). */
import { z } from 'zod';
import { UserId } from './api.ts';
import { LIMITS } from './limits.ts';

/** Client → server WebSocket frames. `id` is optional; when given the proxy acks or errors with it. */
export const WatchFrame = z.strictObject({
  type: z.literal('watch'),
  id: z.number().int().nonnegative().optional(),
  add: z.array(UserId).default([]),
  remove: z.array(UserId).default([]),
});
export const ActivityFrame = z.strictObject({
  type: z.literal('activity'),
  id: z.number().int().nonnegative().optional(),
  idle: z.boolean(),
});
export const ClientPingFrame = z.strictObject({
  type: z.literal('ping'),
  id: z.number().int().nonnegative().optional(),
});
export const ClientFrame = z
  .discriminatedUnion('type', [WatchFrame, ActivityFrame, ClientPingFrame])
  .refine((f) => f.type !== 'watch' || f.add.length + f.remove.length <= LIMITS.watchIdsPerMessage, {
    message: `at most ${LIMITS.watchIdsPerMessage} ids per watch message`,
  });
export type ClientFrame = z.infer<typeof ClientFrame>;
