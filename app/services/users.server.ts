/** Accounts: created by an admin in the UI or by `npm run user:create`. */
import { z } from "zod";
import { appendAudit, listAudit } from "../../db/queries/audit-log";
import { getOrganisationByCode } from "../../db/queries/organisations";
import { deleteUserSessions } from "../../db/queries/sessions";
import {
  countActiveAdmins,
  findUserForLogin,
  getUserById,
  getUserWithOrganisation,
  insertUser,
  listUsers,
  updateUser,
} from "../../db/queries/users";
import { ROLES } from "../domain/roles";
import type { AppContext } from "./context.server";
import { hashPassword, PASSWORD_MIN_LENGTH } from "./passwords.server";

export type FieldErrors = Record<string, string>;
export type Outcome<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

const organisationCode = z
  .string()
  .trim()
  .toLowerCase()
  .max(64)
  .optional()
  .transform((v) => (v ? v : undefined));

export const newUserSchema = z
  .object({
    email: z.string().trim().toLowerCase().email("email.invalid").max(254),
    displayName: z.string().trim().min(1, "required").max(200),
    role: z.enum(ROLES, { errorMap: () => ({ message: "role.invalid" }) }),
    organisationCode,
    password: z.string().min(PASSWORD_MIN_LENGTH, "password.tooShort").max(1024),
  })
  .refine((u) => u.role !== "page_admin" || u.organisationCode, {
    path: ["organisationCode"],
    message: "organisation.requiredForPageAdmin",
  });

export const userUpdateSchema = z
  .object({
    id: z.coerce.number().int().positive(),
    displayName: z.string().trim().min(1, "required").max(200),
    role: z.enum(ROLES, { errorMap: () => ({ message: "role.invalid" }) }),
    organisationCode,
    active: z.boolean(),
    password: z
      .string()
      .max(1024)
      .optional()
      .transform((v) => (v ? v : undefined))
      .refine((v) => v === undefined || v.length >= PASSWORD_MIN_LENGTH, "password.tooShort"),
  })
  .refine((u) => u.role !== "page_admin" || u.organisationCode, {
    path: ["organisationCode"],
    message: "organisation.requiredForPageAdmin",
  });

export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    errors[key] ??= issue.message;
  }
  return errors;
}

async function resolveOrganisation(
  ctx: AppContext,
  role: string,
  code: string | undefined,
): Promise<{ id: number | null } | { error: string }> {
  // Only page administrators are bound to an organisation; others see the whole region.
  if (role !== "page_admin" || !code) return { id: null };
  const org = await getOrganisationByCode(ctx.db, code);
  return org ? { id: org.id } : { error: "organisation.unknown" };
}

export async function createUser(ctx: AppContext, raw: unknown, actorUserId: number | null): Promise<Outcome<number>> {
  const parsed = newUserSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: zodFieldErrors(parsed.error) };
  const input = parsed.data;
  if (await findUserForLogin(ctx.db, input.email)) return { ok: false, errors: { email: "email.taken" } };
  const org = await resolveOrganisation(ctx, input.role, input.organisationCode);
  if ("error" in org) return { ok: false, errors: { organisationCode: org.error } };
  const id = await insertUser(ctx.db, {
    email: input.email,
    displayName: input.displayName,
    passwordHash: await hashPassword(input.password),
    role: input.role,
    organisationId: org.id,
  });
  await appendAudit(ctx.db, {
    actorUserId,
    action: "user.create",
    entityType: "user",
    entityId: id,
    details: { role: input.role, organisation: input.organisationCode ?? null },
  });
  return { ok: true, value: id };
}

export async function editUser(ctx: AppContext, raw: unknown, actorUserId: number): Promise<Outcome<number>> {
  const parsed = userUpdateSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: zodFieldErrors(parsed.error) };
  const input = parsed.data;
  const existing = await getUserById(ctx.db, input.id);
  if (!existing) return { ok: false, errors: { _form: "user.notFound" } };
  const losesAdmin = existing.role === "admin" && existing.active && (input.role !== "admin" || !input.active);
  // The last admin cannot lock everyone out of user management.
  if (losesAdmin && (await countActiveAdmins(ctx.db)) <= 1) return { ok: false, errors: { role: "user.lastAdmin" } };
  const org = await resolveOrganisation(ctx, input.role, input.organisationCode);
  if ("error" in org) return { ok: false, errors: { organisationCode: org.error } };
  await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, input.id, {
      displayName: input.displayName,
      role: input.role,
      organisationId: org.id,
      active: input.active,
      ...(input.password && { passwordHash: await hashPassword(input.password) }),
    });
    // A changed role, scope or password must not live on in old sessions.
    if (input.role !== existing.role || !input.active || input.password || org.id !== existing.organisation_id) {
      await deleteUserSessions(trx, input.id);
    }
    await appendAudit(trx, {
      actorUserId,
      action: "user.update",
      entityType: "user",
      entityId: input.id,
      details: { role: input.role, active: input.active, passwordChanged: Boolean(input.password) },
    });
  });
  return { ok: true, value: input.id };
}

export function usersForAdmin(ctx: AppContext) {
  return listUsers(ctx.db);
}

export async function userForAdmin(ctx: AppContext, id: number) {
  return (await getUserWithOrganisation(ctx.db, id)) ?? null;
}

export function auditLog(ctx: AppContext, input: { limit: number; before?: number }) {
  return listAudit(ctx.db, input);
}
