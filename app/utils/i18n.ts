import { useRouteLoaderData } from "@remix-run/react";
import { DEFAULT_LOCALE, translator, type Locale, type Translate } from "../i18n";
import type { loader as rootLoader } from "../root";

export function useLocale(): Locale {
  const data = useRouteLoaderData<typeof rootLoader>("root");
  return data?.locale ?? DEFAULT_LOCALE;
}

export function useT(): Translate {
  return translator(useLocale());
}

export function useTimeZone(): string {
  return useRouteLoaderData<typeof rootLoader>("root")?.timeZone ?? "Asia/Yakutsk";
}
