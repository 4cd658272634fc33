/**
 * Compliance scoring: methodology as data, two-pass scoring (organisation, then peer group),
 * ranking within peer groups, and explanations. Pure; see COMPLIANCE.md for the rules.
 */
export * from "./methodology";
export * from "./methodology-issues";
export { DEFAULT_METHODOLOGY } from "./default-methodology";
export * from "./criteria";
export * from "./score";
export * from "./peer-groups";
export * from "./rank";
export * from "./explain";
export { pluralRu, pluralEn } from "./explain-texts";
