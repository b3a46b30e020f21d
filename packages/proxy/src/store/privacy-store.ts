/**
 * Privacy lists in the store. Only lists other than the default (everybody-except with nobody)
 * are stored, so every stored list hides its owner from someone, and the proxy can load them all
 * at start-up to check presence without a query per event.
 */
import type { PrivacyList } from '@st/protocol';

/** A stored list with its owner. */
export interface OwnedPrivacyList extends PrivacyList {
  userId: string;
}

export interface PrivacyStore {
  /** The person's list, or null when they have the default. */
  privacyList(userId: string): Promise<PrivacyList | null>;
  /** Replaces the person's list in one transaction; the default list removes it. */
  setPrivacyList(userId: string, list: PrivacyList): Promise<void>;
  /** Every stored list (each hides its owner from someone). */
  privacyLists(): Promise<OwnedPrivacyList[]>;
}
