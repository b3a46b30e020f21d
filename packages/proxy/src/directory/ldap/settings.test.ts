import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.ts';
import { DEFAULT_LDAP_ATTRIBUTES, parseLdapAttributes, splitLdapUrl } from './settings.ts';

function problem(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('loadConfig accepted it');
}

const LDAP = 'ldap://ldap.example:389/dc=example,dc=com';

describe('LDAP settings', () => {
  it('defaults to inetOrgPerson attributes, people only, and no TLS upgrade', () => {
    const config = loadConfig({ ST_DIRECTORY: LDAP });
    expect(config.ldapAttributes).toEqual({
      id: 'uid',
      displayName: 'cn',
      title: 'title',
      department: 'ou',
      company: 'o',
      location: 'l',
      phone: 'telephoneNumber',
      email: 'mail',
      photo: 'jpegPhoto',
      language: 'preferredLanguage',
    });
    expect(config).toMatchObject({
      ldapFilter: '(objectClass=person)',
      ldapStartTls: false,
      ldapTimeoutMs: 5000,
      ldapConnectTimeoutMs: 3000,
      ldapCacheSeconds: 300,
    });
    expect(config.ldapBindDn).toBeUndefined();
  });

  it('reads ST_LDAP_* variables, with mapping overrides on top of the defaults', () => {
    const config = loadConfig({
      ST_DIRECTORY: LDAP,
      ST_LDAP_BIND_DN: 'cn=proxy,dc=example,dc=com',
      ST_LDAP_BIND_PASSWORD: ' secret with spaces ',
      ST_LDAP_ATTRIBUTES:
        'id=sAMAccountName, displayName=displayName,photo=thumbnailPhoto,timeZone=st,language=',
      ST_LDAP_FILTER: '(&(objectCategory=person)(objectClass=user))',
      ST_LDAP_STARTTLS: 'true',
      ST_LDAP_TIMEOUT_MS: '2500',
      ST_LDAP_CACHE_SECONDS: '0',
    });
    expect(config.ldapBindPassword).toBe(' secret with spaces ');
    expect(config.ldapAttributes).toEqual({
      ...DEFAULT_LDAP_ATTRIBUTES,
      id: 'sAMAccountName',
      displayName: 'displayName',
      photo: 'thumbnailPhoto',
      timeZone: 'st',
      language: undefined,
    });
    expect(config.ldapAttributes.language).toBeUndefined();
    expect(config.ldapStartTls).toBe(true);
    expect(config.ldapTimeoutMs).toBe(2500);
    expect(config.ldapCacheSeconds).toBe(0);
  });

  it('names the setting and the problem in one line', () => {
    expect(problem({ ST_DIRECTORY: LDAP, ST_LDAP_ATTRIBUTES: 'colour=favouriteColour' })).toMatch(
      /^ST_LDAP_ATTRIBUTES: unknown field "colour"/,
    );
    expect(problem({ ST_DIRECTORY: LDAP, ST_LDAP_ATTRIBUTES: 'title=ti tle' })).toMatch(
      /^ST_LDAP_ATTRIBUTES: "ti tle" is not an attribute name/,
    );
    expect(problem({ ST_DIRECTORY: LDAP, ST_LDAP_ATTRIBUTES: 'id=' })).toMatch(
      /the field "id" needs an attribute/,
    );
    expect(problem({ ST_DIRECTORY: LDAP, ST_LDAP_ATTRIBUTES: 'title' })).toMatch(/is not field=attribute/);
    expect(problem({ ST_DIRECTORY: LDAP, ST_LDAP_FILTER: '(objectClass=person' })).toMatch(
      /^ST_LDAP_FILTER: must be an LDAP filter/,
    );
    expect(problem({ ST_DIRECTORY: LDAP, ST_LDAP_BIND_DN: 'cn=proxy' })).toMatch(
      /^ST_LDAP_BIND_DN and ST_LDAP_BIND_PASSWORD: set both/,
    );
    expect(problem({ ST_DIRECTORY: LDAP.replace('ldap:', 'ldaps:'), ST_LDAP_STARTTLS: 'yes' })).toMatch(
      /^ST_LDAP_STARTTLS: use it with ldap:\/\//,
    );
    expect(problem({ ST_DIRECTORY: LDAP, ST_LDAP_CA_FILE: '/nowhere/ca.pem' })).toMatch(
      /^ST_LDAP_CA_FILE: no such file/,
    );
    expect(problem({ ST_DIRECTORY: LDAP, ST_LDAP_TIMEOUT_MS: '5s' })).toMatch(
      /^ST_LDAP_TIMEOUT_MS: must be a whole number/,
    );
  });

  it('takes the mapping as an object in a config file', () => {
    expect(parseLdapAttributes({ phone: 'mobile' }).phone).toBe('mobile');
    expect(parseLdapAttributes('photo=jpegPhoto;binary').photo).toBe('jpegPhoto;binary');
  });

  it('splits the URL into the server and the base DN', () => {
    expect(splitLdapUrl('ldaps://ldap.example:636/ou=People%20Here,dc=example,dc=com')).toEqual({
      url: 'ldaps://ldap.example:636',
      baseDn: 'ou=People Here,dc=example,dc=com',
    });
    expect(splitLdapUrl('ldap://[::1]:3389/dc=x')).toEqual({ url: 'ldap://[::1]:3389', baseDn: 'dc=x' });
  });
});
