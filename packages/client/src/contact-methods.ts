/**
 * The contact-list methods of the client, each a call on its `ContactsStore` (which answers the
 * whole list and makes `contacts$` follow it). The store's code loads on the first call. A base
 * class, so client.ts stays about the wiring.
 */
import type { ContactGroup } from '@st/protocol/core';
import type { ContactsStore } from './contacts-store.ts';
import type { LazyPart } from './lazy-part.ts';

export abstract class ContactMethods {
  declare protected contactList: LazyPart<ContactsStore>;

  async contacts(): Promise<ContactGroup[]> {
    return (await this.contactList.get()).load();
  }

  async createGroup(name: string): Promise<ContactGroup[]> {
    return (await this.contactList.get()).createGroup(name);
  }

  async renameGroup(name: string, newName: string): Promise<ContactGroup[]> {
    return (await this.contactList.get()).renameGroup(name, newName);
  }

  async deleteGroup(name: string): Promise<ContactGroup[]> {
    return (await this.contactList.get()).deleteGroup(name);
  }

  async addContact(group: string, userId: string): Promise<ContactGroup[]> {
    return (await this.contactList.get()).addContact(group, userId);
  }

  async removeContact(group: string, userId: string): Promise<ContactGroup[]> {
    return (await this.contactList.get()).removeContact(group, userId);
  }

  async moveContact(userId: string, from: string, to: string): Promise<ContactGroup[]> {
    return (await this.contactList.get()).moveContact(userId, from, to);
  }

  async setNickname(userId: string, nickname: string | null): Promise<ContactGroup[]> {
    return (await this.contactList.get()).setNickname(userId, nickname);
  }
}
