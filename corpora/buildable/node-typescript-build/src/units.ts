export type Unit = "km" | "mi" | "m";

const METRES: Record<Unit, number> = { km: 1000, mi: 1609.344, m: 1 };

export function convert(value: number, from: Unit, to: Unit): number {
  return (value * METRES[from]) / METRES[to];
}
