/**
 * Small HTTPS POSTs for FCM and its OAuth token endpoint: `node:https` with one keep-alive agent,
 * so an extra CA (ST_PUSH_CA_FILE) can be trusted without a global setting.
 */

import type { IncomingHttpHeaders } from 'node:http';
import { Agent, request } from 'node:https';

export interface HttpsAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export class HttpsClient {
  private readonly agent: Agent;

  constructor(
    ca?: string | undefined,
    private readonly timeoutMs = 15_000,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: 32, ...(ca ? { ca } : {}) });
  }

  post(url: string, headers: Record<string, string>, body: string): Promise<HttpsAnswer> {
    return new Promise((resolve, reject) => {
      const outgoing = request(
        url,
        {
          method: 'POST',
          agent: this.agent,
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
          timeout: this.timeoutMs,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer from ${new URL(url).host}`)));
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
