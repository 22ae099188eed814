import { hash, verify } from '@node-rs/argon2';

/** argon2id with the OWASP-recommended minimum cost (19 MiB, 2 passes). */
// algorithm 2 is Argon2id in @node-rs/argon2's Algorithm enum (a const enum, not importable here).
const OPTIONS = { algorithm: 2 as const, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;
/** Spends the time of one verification, so an unknown e-mail answers as slowly as a wrong password. */
export async function verifyNobody(password: string): Promise<void> {
  dummy ??= hashPassword('rdplan-timing-equaliser');
  await verifyPassword(await dummy, password);
}
