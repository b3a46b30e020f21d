/**
 * The contact-list methods of the client, each a call on its `ContactsStore` (which answers the
 * whole list and makes `contacts$` follow it). A base class, so client.ts stays about the wiring.
 */
import type { ContactGroup } from '@st/protocol/core';
import type { ContactsStore } from './contacts-store.ts';

export abstract class ContactMethods {
  declare protected contactList: ContactsStore;

  contacts(): Promise<ContactGroup[]> {
    return this.contactList.load();
  }

  createGroup(name: string): Promise<ContactGroup[]> {
    return this.contactList.createGroup(name);
  }

  renameGroup(name: string, newName: string): Promise<ContactGroup[]> {
    return this.contactList.renameGroup(name, newName);
  }

  deleteGroup(name: string): Promise<ContactGroup[]> {
    return this.contactList.deleteGroup(name);
  }

  addContact(group: string, userId: string): Promise<ContactGroup[]> {
    return this.contactList.addContact(group, userId);
  }

  removeContact(group: string, userId: string): Promise<ContactGroup[]> {
    return this.contactList.removeContact(group, userId);
  }

  moveContact(userId: string, from: string, to: string): Promise<ContactGroup[]> {
    return this.contactList.moveContact(userId, from, to);
  }

  setNickname(userId: string, nickname: string | null): Promise<ContactGroup[]> {
    return this.contactList.setNickname(userId, nickname);
  }
}
