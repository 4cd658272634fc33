/**
 * The territory heat map as a tile grid: one tile per territory coloured green / yellow / red by
 * the grade of its organisations' mean score, like the centre's familiar maps. A grid, not a
 * drawn map: no municipal boundaries (GeoJSON) are loaded in this installation.
 */
import { Link } from "@remix-run/react";
import type { Grade } from "./Grade";
import { useT } from "../../utils/i18n";

export interface Tile {
  territoryId: number;
  name: string;
  organisations: number;
  meanScore: number | null;
  grade: Grade | null;
}

export function TileMap({ tiles, hrefFor }: { tiles: Tile[]; hrefFor: (territoryId: number) => string }) {
  const t = useT();
  return (
    <ul className="tile-map" aria-label={t("reports.heatMap")}>
      {tiles.map((tile) => (
        <li key={tile.territoryId} className={`tile ${tile.grade ?? "none"}`}>
          <Link to={hrefFor(tile.territoryId)}>
            <span className="tile-name">{tile.name}</span>
            <span className="tile-score">{tile.meanScore === null ? "—" : tile.meanScore.toFixed(1)}</span>
            <span className="tile-n">{t("reports.tileOrganisations", { n: tile.organisations })}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
