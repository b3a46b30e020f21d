/**
 * Who may use the System Console and the admin API: the people listed in ST_ADMINS, matched the way
 * the directory matches ids (an LDAP directory's ids match whatever their case).
 */
import type { ProxyContext } from '../context.ts';

export function isAdmin(context: Pick<ProxyContext, 'config' | 'directory'>, userId: string): boolean {
  const { admins } = context.config;
  if (admins.length === 0) return false;
  if (!context.directory.caseInsensitiveIds) return admins.includes(userId);
  const folded = userId.toLowerCase();
  return admins.some((id) => id.toLowerCase() === folded);
}
