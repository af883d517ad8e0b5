import { createHash, randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '#src/db/schema.ts';
import { toTimestamp, type Clock } from '#src/shared/clock.ts';
import { ValidationError } from '#src/shared/errors.ts';
import { TEXT_LIMITS, withinLimit } from '#src/shared/text-limits.ts';
import { NUL_MESSAGE, storable } from '#src/shared/validation.ts';
import type { Actor } from './access.ts';
import * as repo from './accounts.repository.ts';
import { LoginThrottle } from './login-throttle.ts';

export const ROLES = ['admin', 'editor', 'writer'] as const;
export type Role = (typeof ROLES)[number];

const NewUserSchema = z.object({
  email: withinLimit(z.email(), TEXT_LIMITS.email).transform((e) => e.toLowerCase()),
  displayName: withinLimit(
    z.string().trim().min(1, 'must not be empty').refine(storable, NUL_MESSAGE),
    TEXT_LIMITS.displayName,
  ),
  password: withinLimit(z.string().min(12, 'must be at least 12 characters'), TEXT_LIMITS.password),
  role: z.enum(ROLES),
});
export type NewUser = z.input<typeof NewUserSchema>;

export interface AccountsDeps {
  db: Kysely<Database>;
  clock: Clock;
  throttle?: LoginThrottle;
}

const SESSION_DAYS = 14;

export interface AuditEntry {
  at: string;
  userId: number | null;
  action: string;
  entity: string;
  entityId: string | null;
  detail?: unknown;
}

/** One line of the audit log, written with `db` so it can share the caller's transaction. */
export async function recordAudit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await repo.insertAudit(db, {
    at: entry.at,
    user_id: entry.userId,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId,
    detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
  });
}

export type LoginResult =
  | { ok: true; token: string; actor: Actor; expiresAt: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfter: number };

/** Secrets are stored only as their SHA-256, so a copy of the database logs nobody in. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function toActor(
  user: { id: number; email: string; display_name: string; role: string },
  via: Actor['via'],
): Actor {
  return {
    id: user.id,
    email: user.email,
    displayName: user.display_name,
    role: user.role as Role,
    via,
  };
}

// Verifying against a real hash when the account does not exist keeps both paths equally slow.
let decoyHash: Promise<string> | undefined;
function decoy(): Promise<string> {
  decoyHash ??= argon2.hash('not a password of anyone', { type: argon2.argon2id });
  return decoyHash;
}

export function createAccountsService({ db, clock, throttle = new LoginThrottle() }: AccountsDeps) {
  const now = () => toTimestamp(clock.now());
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
        created_at: now(),
      });
    },

    async verifyPassword(email: string, password: string): Promise<boolean> {
      const user = await repo.findByEmail(db, email.toLowerCase());
      if (!user) {
        await argon2.verify(await decoy(), password);
        return false;
      }
      return argon2.verify(user.password_hash, password);
    },

    /**
     * Checks a password and opens a session, within the limits of LoginThrottle (see there
     * for the rule). The attempt is counted before the password is checked.
     */
    async login(email: string, password: string, address: string): Promise<LoginResult> {
      const at = clock.now().getTime();
      const account = email.toLowerCase();
      const admission = throttle.begin(account, address, at);
      if (!admission.ok)
        return { ok: false, reason: 'throttled', retryAfter: admission.retryAfter };
      if (!(await this.verifyPassword(email, password))) {
        await this.record(null, 'login-failed', 'user', null, { email: account });
        return { ok: false, reason: 'invalid' };
      }
      throttle.succeeded(admission.attempt);
      const user = await repo.findByEmail(db, email.toLowerCase());
      if (!user) return { ok: false, reason: 'invalid' };
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(at + SESSION_DAYS * 86_400_000).toISOString();
      await repo.insertSession(db, {
        token_hash: hashSecret(token),
        user_id: user.id,
        created_at: now(),
        expires_at: expiresAt,
      });
      await this.record(user.id, 'login', 'user', String(user.id));
      return { ok: true, token, actor: toActor(user, 'session'), expiresAt };
    },

    async logout(token: string): Promise<void> {
      await repo.deleteSession(db, hashSecret(token));
    },

    async actorForSession(token: string): Promise<Actor | null> {
      const user = await repo.findSessionUser(db, hashSecret(token), now());
      return user ? toActor(user, 'session') : null;
    },

    async actorForToken(token: string): Promise<Actor | null> {
      const user = await repo.useToken(db, hashSecret(token), now());
      return user ? toActor(user, 'token') : null;
    },

    /** Creates an API token for scripts; the secret is returned once and stored only hashed. */
    async createToken(email: string, name: string): Promise<string> {
      const user = await repo.findByEmail(db, email.toLowerCase());
      if (!user) throw new ValidationError([{ field: 'user', message: `no account for ${email}` }]);
      const token = `tks_${randomBytes(24).toString('base64url')}`;
      await repo.insertToken(db, {
        user_id: user.id,
        name,
        token_hash: hashSecret(token),
        created_at: now(),
      });
      await this.record(user.id, 'token-create', 'user', String(user.id), { name });
      return token;
    },

    listUsers: () => repo.listUsers(db),

    /** Writes one line of the audit log: who did what to which entity, and when. */
    async record(
      userId: number | null,
      action: string,
      entity: string,
      entityId: string | null,
      detail?: unknown,
    ) {
      await repo.insertAudit(db, {
        at: now(),
        user_id: userId,
        action,
        entity,
        entity_id: entityId,
        detail: detail === undefined ? null : JSON.stringify(detail),
      });
    },

    auditLog: (limit = 100, entity?: { entity: string; entityId: string }) =>
      repo.listAudit(db, limit, entity),

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
