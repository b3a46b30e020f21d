/// <reference path="./xmpp-client.d.ts" />
/**
 * @xmpp/connection 0.14 hands socket data to its XML parser without checking that the parser is
 * still there; data arriving after the stream ended (the server closed it, or a parse error)
 * throws a TypeError from the socket's handler, which ends the whole process. Such data belongs
 * to a stream that is over: it is dropped. Call before the first connection (the handler is
 * bound when the first socket is attached).
 */
import type { Client } from '@xmpp/client';

export function dropDataAfterClose(xmpp: Client): void {
  const entity = xmpp as unknown as { parser: unknown; _onData(data: Buffer): void };
  const onData = entity._onData;
  entity._onData = function (this: typeof entity, data: Buffer) {
    if (this.parser) onData.call(this, data);
  };
}
