/**
 * Landis and Koch (1977) reading of Cohen's κ, on κ as printed (two decimals), so the band a
 * reader sees beside "0,60" is the one the legend gives for 0,60.
 */
export type KappaBand = "poor" | "slight" | "fair" | "moderate" | "substantial" | "almostPerfect";

export const KAPPA_BANDS: readonly KappaBand[] = ["poor", "slight", "fair", "moderate", "substantial", "almostPerfect"];

export function kappaBand(kappa: number): KappaBand {
  const k = Math.round(kappa * 100) / 100;
  if (k < 0) return "poor";
  if (k <= 0.2) return "slight";
  if (k <= 0.4) return "fair";
  if (k <= 0.6) return "moderate";
  if (k <= 0.8) return "substantial";
  return "almostPerfect";
}
