/** The chat calls of the JSON API (docs/chat.md), each answer checked before it is used. */
import type {
  Announcement,
  AnnouncementResponse,
  ChatMessage,
  ConversationSummary,
  HistoryResponse,
} from '@st/protocol/core';
import type { Http } from '../http.ts';
import {
  AnnouncementResponseShape,
  AnnouncementsResponseShape,
  ConversationResponseShape,
  ConversationsResponseShape,
  HistoryResponseShape,
  MessageResponseShape,
} from './chat-shapes.ts';

const BASE = '/api/v1/conversations';
const at = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

/** Which page of history: the newest, the ones before a `seq`, or the ones after it. */
export type HistoryPage = { before?: number; after?: number; limit?: number };

export class ChatApi {
  constructor(private readonly http: Http) {}

  async conversations(limit?: number, before?: string) {
    const query = new URLSearchParams();
    if (limit) query.set('limit', String(limit));
    if (before) query.set('before', before);
    const search = query.size ? `?${query}` : '';
    return this.http.request('GET', `${BASE}${search}`, { schema: ConversationsResponseShape });
  }

  async conversation(id: string): Promise<ConversationSummary> {
    return (await this.http.request('GET', at(id), { schema: ConversationResponseShape })).conversation;
  }

  /** The 1:1 with `peerId`, created when it does not exist yet. */
  async im(peerId: string): Promise<ConversationSummary> {
    const path = `${BASE}/im/${encodeURIComponent(peerId)}`;
    return (await this.http.request('PUT', path, { schema: ConversationResponseShape })).conversation;
  }

  async create(participants: string[], topic?: string, upgradedFrom?: string): Promise<ConversationSummary> {
    const body = { participants, ...(topic ? { topic } : {}), ...(upgradedFrom ? { upgradedFrom } : {}) };
    return (await this.http.request('POST', BASE, { body, schema: ConversationResponseShape })).conversation;
  }

  async setTopic(id: string, topic: string | null): Promise<ConversationSummary> {
    const options = { body: { topic }, schema: ConversationResponseShape };
    return (await this.http.request('PATCH', at(id), options)).conversation;
  }

  async invite(id: string, ids: string[]): Promise<ConversationSummary> {
    const options = { body: { ids }, schema: ConversationResponseShape };
    return (await this.http.request('POST', `${at(id)}/participants`, options)).conversation;
  }

  async accept(id: string): Promise<ConversationSummary> {
    const options = { schema: ConversationResponseShape };
    return (await this.http.request('PUT', `${at(id)}/participants/me`, options)).conversation;
  }

  leave(id: string): Promise<void> {
    return this.http.request('DELETE', `${at(id)}/participants/me`);
  }

  async send(id: string, text: string, clientId: string): Promise<ChatMessage> {
    const options = { body: { clientId, text }, schema: MessageResponseShape };
    return (await this.http.request('POST', `${at(id)}/messages`, options)).message;
  }

  history(id: string, page: HistoryPage): Promise<HistoryResponse> {
    const query = new URLSearchParams();
    if (page.before !== undefined) query.set('before', String(page.before));
    if (page.after !== undefined) query.set('after', String(page.after));
    if (page.limit !== undefined) query.set('limit', String(page.limit));
    const search = query.size ? `?${query}` : '';
    return this.http.request('GET', `${at(id)}/messages${search}`, { schema: HistoryResponseShape });
  }

  delivered(id: string, seq: number): Promise<void> {
    return this.http.request('POST', `${at(id)}/delivered`, { body: { seq } });
  }

  read(id: string, seq: number): Promise<void> {
    return this.http.request('POST', `${at(id)}/read`, { body: { seq } });
  }

  typing(id: string, typing: boolean): Promise<void> {
    return this.http.request('POST', `${at(id)}/typing`, { body: { typing } });
  }

  announce(to: string[], text: string, allowReplies: boolean): Promise<AnnouncementResponse> {
    const options = { body: { to, text, allowReplies }, schema: AnnouncementResponseShape };
    return this.http.request('POST', '/api/v1/announcements', options);
  }

  async announcements(limit?: number): Promise<Announcement[]> {
    const path = `/api/v1/announcements${limit ? `?limit=${limit}` : ''}`;
    return (await this.http.request('GET', path, { schema: AnnouncementsResponseShape })).announcements;
  }

  async reply(announcementId: string, text: string, clientId: string): Promise<ChatMessage> {
    const path = `/api/v1/announcements/${encodeURIComponent(announcementId)}/replies`;
    const options = { body: { clientId, text }, schema: MessageResponseShape };
    return (await this.http.request('POST', path, options)).message;
  }
}
