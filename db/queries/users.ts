import type { Kysely, Transaction } from "kysely";
import type { DB, User } from "../schema";
import type { Role } from "../../app/domain/roles";

type Db = Kysely<DB> | Transaction<DB>;

export type PublicUser = Omit<User, "password_hash">;

const publicColumns = [
  "users.id",
  "users.email",
  "users.display_name",
  "users.role",
  "users.organisation_id",
  "users.active",
  "users.created_at",
  "users.updated_at",
  "users.last_login_at",
] as const;

export async function findUserForLogin(db: Db, email: string): Promise<User | undefined> {
  return db.selectFrom("users").selectAll().where("email", "=", email.toLowerCase()).executeTakeFirst();
}

export async function getUserById(db: Db, id: number): Promise<PublicUser | undefined> {
  return db.selectFrom("users").select(publicColumns).where("id", "=", id).executeTakeFirst();
}

function usersWithOrganisation(db: Db) {
  return db
    .selectFrom("users")
    .leftJoin("organisations", "organisations.id", "users.organisation_id")
    .select([...publicColumns, "organisations.code as organisation_code", "organisations.name_ru as organisation_name"]);
}

export async function listUsers(db: Db) {
  return usersWithOrganisation(db).orderBy("users.role").orderBy("users.email").execute();
}

export async function getUserWithOrganisation(db: Db, id: number) {
  return usersWithOrganisation(db).where("users.id", "=", id).executeTakeFirst();
}

export interface NewUserInput {
  email: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  organisationId: number | null;
}

export async function insertUser(db: Db, input: NewUserInput): Promise<number> {
  const row = await db
    .insertInto("users")
    .values({
      email: input.email.toLowerCase(),
      display_name: input.displayName,
      password_hash: input.passwordHash,
      role: input.role,
      organisation_id: input.organisationId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUser(
  db: Db,
  id: number,
  patch: Partial<{ displayName: string; role: Role; organisationId: number | null; active: boolean; passwordHash: string }>,
): Promise<void> {
  await db
    .updateTable("users")
    .set({
      ...(patch.displayName !== undefined && { display_name: patch.displayName }),
      ...(patch.role !== undefined && { role: patch.role }),
      ...(patch.organisationId !== undefined && { organisation_id: patch.organisationId }),
      ...(patch.active !== undefined && { active: patch.active }),
      ...(patch.passwordHash !== undefined && { password_hash: patch.passwordHash }),
      updated_at: new Date(),
    })
    .where("id", "=", id)
    .execute();
}

export async function markLoggedIn(db: Db, id: number): Promise<void> {
  await db.updateTable("users").set({ last_login_at: new Date() }).where("id", "=", id).execute();
}

export async function countActiveAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("role", "=", "admin")
    .where("active", "=", true)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db.selectFrom("users").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}
