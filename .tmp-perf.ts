import { planRegistryImport } from "./app/domain/registry/plan";
const rows = Array.from({ length: 100_000 }, (_, i) => i % 2 === 0 ? `org-${i % 500},vk,,https://vk.com/club${i}` : `org-${i % 500},telegram,chan_${i},`);
const ptext = ["organisation_code,platform,platform_id,url", ...rows].join("\n");
const ex = { territoryCodes: new Set<string>(), organisationCodes: new Set(Array.from({length:500},(_, i)=>`org-${i}`)), pages: new Map<string,string>() };
for (let k = 0; k < 6; k++) {
const c = process.cpuUsage(); const r = planRegistryImport({ pages: ptext }, ex); const u = process.cpuUsage(c); console.log("cpu", Math.round((u.user+u.system)/1000), r.plan.pages.length);
}
