import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '#src/db/schema.ts';
import { toTimestamp, type Clock } from '#src/shared/clock.ts';
import { ValidationError } from '#src/shared/errors.ts';
import * as repo from './accounts.repository.ts';

export const ROLES = ['admin', 'editor', 'writer'] as const;
export type Role = (typeof ROLES)[number];

const NewUserSchema = z.object({
  email: z.email().transform((e) => e.toLowerCase()),
  displayName: z.string().trim().min(1).max(100),
  password: z.string().min(12, 'must be at least 12 characters').max(1024),
  role: z.enum(ROLES),
});
export type NewUser = z.input<typeof NewUserSchema>;

export interface AccountsDeps {
  db: Kysely<Database>;
  clock: Clock;
}

export function createAccountsService({ db, clock }: AccountsDeps) {
  return {
    async addUser(input: NewUser): Promise<number> {
      const parsed = NewUserSchema.safeParse(input);
      if (!parsed.success) {
        throw new ValidationError(
          parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
        );
      }
      const user = parsed.data;
      if (await repo.findByEmail(db, user.email)) {
        throw new ValidationError([
          { field: 'email', message: `${user.email} already has an account` },
        ]);
      }
      return repo.insertUser(db, {
        email: user.email,
        display_name: user.displayName,
        role: user.role,
        password_hash: await argon2.hash(user.password, { type: argon2.argon2id }),
        created_at: toTimestamp(clock.now()),
      });
    },

    async verifyPassword(email: string, password: string): Promise<boolean> {
      const user = await repo.findByEmail(db, email.toLowerCase());
      return user ? argon2.verify(user.password_hash, password) : false;
    },

    /**
     * Creates the first admin when there are no users. Returns the password when it was
     * generated here, so it can be shown once; a configured password is never echoed.
     */
    async ensureAdmin(
      email: string,
      configured: string | undefined,
    ): Promise<{ email: string; password: string | null } | null> {
      if ((await repo.countUsers(db)) > 0) return null;
      const password = configured ?? randomBytes(18).toString('base64url');
      await this.addUser({ email, displayName: 'Administrator', password, role: 'admin' });
      return { email, password: configured ? null : password };
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
