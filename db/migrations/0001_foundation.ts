// Frozen: never edit a migration that has shipped; add a new one.
import { sql, type Kysely } from "kysely";


export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("territories")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("name_ru", "text", (c) => c.notNull())
    .addColumn("name_en", "text")
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('region','city_okrug','municipal_okrug','municipal_district','urban_settlement','rural_settlement','other')`),
    )
    .addColumn("parent_id", "integer", (c) => c.references("territories.id").onDelete("restrict"))
    .addColumn("oktmo", "text")
    .addColumn("population", "integer", (c) => c.check(sql`population >= 0`))
    .addColumn("population_year", "smallint")
    .addColumn("source", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("territories_parent_idx").on("territories").column("parent_id").execute();

  await db.schema
    .createTable("population_margins")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("territory_id", "integer", (c) => c.notNull().references("territories.id").onDelete("cascade"))
    .addColumn("dimension", "text", (c) => c.notNull().check(sql`dimension in ('sex','age_band')`))
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("population", "integer", (c) => c.notNull().check(sql`population >= 0`))
    .addColumn("reference_year", "smallint")
    .addColumn("source", "text")
    .addColumn("illustrative", "boolean", (c) => c.notNull().defaultTo(false))
    .addUniqueConstraint("population_margins_cell_key", ["territory_id", "dimension", "category"])
    .execute();

  await db.schema
    .createTable("organisations")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("name_ru", "text", (c) => c.notNull())
    .addColumn("name_en", "text")
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('ministry','department','agency','municipality_admin','subordinate')`),
    )
    .addColumn("parent_id", "integer", (c) => c.references("organisations.id").onDelete("restrict"))
    .addColumn("territory_id", "integer", (c) => c.references("territories.id").onDelete("restrict"))
    .addColumn("peer_group", "text", (c) => c.notNull())
    .addColumn("verified", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("source", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("organisations_parent_idx").on("organisations").column("parent_id").execute();
  await db.schema.createIndex("organisations_territory_idx").on("organisations").column("territory_id").execute();

  await db.schema
    .createTable("official_pages")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("organisation_id", "integer", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("platform", "text", (c) => c.notNull().check(sql`platform in ('vk','ok','telegram','max')`))
    .addColumn("platform_id", "text", (c) => c.notNull())
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("official_pages_platform_key", ["platform", "platform_id"])
    .execute();
  await db.schema.createIndex("official_pages_organisation_idx").on("official_pages").column("organisation_id").execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("email", "text", (c) => c.notNull().unique().check(sql`email = lower(email)`))
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('admin','analyst','sociologist','page_admin')`))
    .addColumn("organisation_id", "integer", (c) => c.references("organisations.id").onDelete("restrict"))
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_login_at", "timestamptz")
    // a page administrator without an organisation would see nothing or, worse, everything
    .addCheckConstraint("users_page_admin_has_organisation", sql`role <> 'page_admin' or organisation_id is not null`)
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_user_idx").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("login_attempts")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("subject_hash", "text", (c) => c.notNull())
    .addColumn("client_hash", "text", (c) => c.notNull())
    .addColumn("succeeded", "boolean", (c) => c.notNull())
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("login_attempts_subject_idx").on("login_attempts").columns(["subject_hash", "at"]).execute();
  await db.schema.createIndex("login_attempts_client_idx").on("login_attempts").columns(["client_hash", "at"]).execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("actor_user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity_type", "text", (c) => c.notNull())
    .addColumn("entity_id", "text")
    .addColumn("details", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema.createIndex("audit_log_at_idx").on("audit_log").column("at").execute();

  await db.schema
    .createTable("registry_imports")
    .addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('queued','running','succeeded','rejected','failed')`),
    )
    .addColumn("origin", "text", (c) => c.notNull().check(sql`origin in ('upload','cli','demo')`))
    .addColumn("files", "jsonb", (c) => c.notNull())
    .addColumn("report", "jsonb")
    .addColumn("finished_at", "timestamptz")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "registry_imports",
    "audit_log",
    "login_attempts",
    "sessions",
    "users",
    "official_pages",
    "organisations",
    "population_margins",
    "territories",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
