/**
 * The address a limit or a log line speaks of. Behind load balancers listed in ST_TRUST_PROXY
 * it is the client that `X-Forwarded-For` names; from anyone else the header is ignored. HTTP
 * (Fastify's `trustProxy`) and WebSocket upgrades use the same rule: @fastify/proxy-addr.
 */
import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import ipaddr from 'ipaddr.js';

export type TrustFunction = (address: string, hop: number) => boolean;

/** Trusts exactly the listed addresses and CIDRs (nothing when the list is empty). */
export function trustFunction(trusted: readonly string[]): TrustFunction {
  return proxyAddr.compile([...trusted]);
}

/** The client's address of a raw request (a WebSocket upgrade), by the same rule as HTTP. */
export function clientAddress(request: IncomingMessage, trust: TrustFunction): string {
  return proxyAddr(request, trust);
}

/** Whether the request reached a trusted load balancer over HTTPS (`X-Forwarded-Proto: https`). */
export function forwardedHttps(request: IncomingMessage, trust: TrustFunction): boolean {
  const socketAddress = request.socket.remoteAddress;
  if (!socketAddress || !trust(socketAddress, 0)) return false;
  const header = request.headers['x-forwarded-proto'];
  const first = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim().toLowerCase();
  return first === 'https';
}

/**
 * The key of an address for budgets: IPv4 as is, IPv6 by its /64 (one customer is usually given
 * a whole /64, so one address each would let them rotate freely). IPv4-mapped IPv6 is IPv4.
 */
export function addressKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) parsed = v6.toIPv4Address();
    else
      return `${v6.parts
        .slice(0, 4)
        .map((p) => p.toString(16))
        .join(':')}::/64`;
  }
  return parsed.toString();
}
