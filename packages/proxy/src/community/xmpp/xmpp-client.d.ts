/** The part of @xmpp/client 0.14 (which ships no types) that the proxy uses. */
declare module '@xmpp/client' {
  export interface Element {
    name: string;
    attrs: Record<string, string | undefined>;
    children: (Element | string)[];
    is(name: string, xmlns?: string): boolean;
    getChild(name: string, xmlns?: string): Element | undefined;
    getChildren(name: string, xmlns?: string): Element[];
    getChildText(name: string, xmlns?: string): string | null;
    getChildElements(): Element[];
    text(): string;
    toString(): string;
  }

  export interface JID {
    local: string;
    domain: string;
    resource: string;
    bare(): JID;
    toString(): string;
  }

  export interface IqCaller {
    request(stanza: Element, timeout?: number): Promise<Element>;
    get(element: Element, to?: string, timeout?: number): Promise<Element>;
    set(element: Element, to?: string, timeout?: number): Promise<Element>;
  }

  export interface Client extends NodeJS.EventEmitter {
    jid: JID | null;
    status: string;
    iqCaller: IqCaller;
    reconnect: NodeJS.EventEmitter & { delay: number; stop(): void; start(): void };
    streamManagement: NodeJS.EventEmitter & {
      enabled: boolean;
      id: string;
      timeout: number;
      requestAckInterval: number;
      requestAckDebounce: number;
    };
    start(): Promise<JID>;
    stop(): Promise<void>;
    send(element: Element): Promise<void>;
    write(text: string): Promise<void>;
    isSecure(): boolean;
    saslFactory: {
      _mechs: { name: string; mech: new () => { response(cred: Record<string, unknown>): unknown } }[];
    };
    options: Record<string, unknown>;
    connect(service: string): Promise<void>;
    open(options: { domain: string }): Promise<void>;
    disconnect(): Promise<void>;
  }

  export interface ClientOptions {
    service: string;
    domain?: string;
    resource?: string;
    username?: string;
    password?: string;
    credentials?: (
      authenticate: (credentials: Record<string, unknown>, mechanism: string) => Promise<void>,
      mechanisms: string[],
    ) => Promise<void>;
  }

  export function client(options: ClientOptions): Client;
  export function xml(
    name: string,
    attrs?: Record<string, string | number | undefined> | null,
    ...children: (Element | string | undefined | null)[]
  ): Element;
  export function jid(text: string): JID;
  export function jid(local: string, domain: string, resource?: string): JID;
}
