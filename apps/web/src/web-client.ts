/**
 * The SDK client the hosted client runs on. It is passed in (the browser entry makes one for the
 * page, the mobile shell one for phones), and the app gives the same one to every element through
 * `<st-session>`.
 */
export type { StClient as WebClient } from '@st/client';
