/**
 * Quebec's 17 administrative regions and their 104 MRCs / equivalent territories (TE), from the
 * government's administrative divisions (source in quebec-regions-mrc.json).
 */
import data from "./quebec-regions-mrc.json";

export interface Mrc {
  code: string;
  name: string;
  type: string;
}
export interface Region {
  code: string;
  name: string;
  mrcs: Mrc[];
}

export const regions: Region[] = data.regions;

const regionByCode = new Map(regions.map((r) => [r.code, r]));

export function regionName(code: string): string {
  return regionByCode.get(code)?.name ?? code;
}

export function mrcName(regionCode: string, mrcCode: string): string {
  return regionByCode.get(regionCode)?.mrcs.find((m) => m.code === mrcCode)?.name ?? mrcCode;
}

export function isValidRegion(code: string): boolean {
  return regionByCode.has(code);
}

/** MRC codes are unique across Quebec; the MRC must belong to the region. */
export function isMrcInRegion(regionCode: string, mrcCode: string): boolean {
  return regionByCode.get(regionCode)?.mrcs.some((m) => m.code === mrcCode) ?? false;
}
