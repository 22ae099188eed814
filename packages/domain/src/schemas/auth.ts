import { z } from 'zod';
import { ORG_TYPES } from '../registry.js';
import { ROLES } from '../roles.js';
import { Email, NonEmpty, RegionCode, Uscc } from './common.js';

export const LoginInput = z.strictObject({
  email: Email,
  password: z.string().min(1).max(200),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const ChangePasswordInput = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});

/** An applicant unit registers by its credit code; its first user becomes the unit's admin. */
export const RegisterUnitInput = z.strictObject({
  uscc: Uscc,
  name: NonEmpty(200),
  type: z.enum(ORG_TYPES),
  regionCode: RegionCode,
  address: z.string().trim().max(300).optional(),
  admin: z.strictObject({
    name: NonEmpty(100),
    email: Email,
    password: z.string().min(1).max(200),
  }),
});
export type RegisterUnitInput = z.infer<typeof RegisterUnitInput>;

export const InviteMemberInput = z.strictObject({
  email: Email,
  name: NonEmpty(100),
  role: z.enum(['unit_admin', 'unit_member']).default('unit_member'),
});

export const AcceptInvitationInput = z.strictObject({
  token: z.string().min(20).max(200),
  password: z.string().min(1).max(200),
  name: NonEmpty(100).optional(),
});

/** "Forgot password": the answer is the same whether or not the address has an account. */
export const RequestPasswordResetInput = z.strictObject({
  email: Email,
});

/** The mailed one-time link's token and the new password. */
export const ResetPasswordInput = z.strictObject({
  token: z.string().min(20).max(200),
  password: z.string().min(1).max(200),
});

export const RoleSchema = z.enum(ROLES);

export const CreateUserInput = z.strictObject({
  email: Email,
  name: NonEmpty(100),
  roles: z.array(RoleSchema).min(1).max(ROLES.length),
  orgId: z.string().uuid().nullable().default(null),
  personId: z.string().uuid().nullable().default(null),
  password: z.string().min(1).max(200),
});
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const UpdateUserInput = z.strictObject({
  name: NonEmpty(100).optional(),
  roles: z.array(RoleSchema).min(1).max(ROLES.length).optional(),
  status: z.enum(['active', 'disabled']).optional(),
  orgId: z.string().uuid().nullable().optional(),
  personId: z.string().uuid().nullable().optional(),
  reason: z.string().trim().max(500).optional(),
});

export const ReviewRegistrationInput = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  reason: z.string().trim().max(500).optional(),
});

/** A user account as the API answers it (no secrets). */
export const UserOut = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    roles: z.array(RoleSchema),
    status: z.enum(['pending', 'active', 'disabled']),
    orgId: z.string().nullable(),
    personId: z.string().nullable(),
    lockedUntil: z.string().nullable(),
    lastLoginAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'User' });

/** A pending invitation to a unit. */
export const InvitationOut = z
  .object({ id: z.string(), email: z.string(), name: z.string(), role: z.string(), expiresAt: z.string() })
  .meta({ id: 'Invitation' });
