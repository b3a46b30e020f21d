/**
 * Prints a password hash for a directory JSON file (the `passwordHash` of a person).
 *
 *   node --import tsx packages/proxy/scripts/hash-password.ts 'the password'
 *   echo -n 'the password' | node --import tsx packages/proxy/scripts/hash-password.ts
 *
 * Reading from standard input keeps the password out of the shell history.
 */
import { hashPassword } from '../src/auth/password.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

const password = process.argv[2] ?? (process.stdin.isTTY ? undefined : await readStdin());
if (!password) {
  console.error('usage: hash-password.ts <password>   (or pipe the password on standard input)');
  process.exit(1);
}
console.log(await hashPassword(password));
