function sumColumns(text) {
  const [header, ...rows] = text.trim().split("\n").map((line) => line.split(","));
  const totals = header.map(() => 0);
  for (const row of rows) {
    row.forEach((cell, i) => {
      const value = Number(cell);
      if (!Number.isNaN(value)) totals[i] += value;
    });
  }
  return Object.fromEntries(header.map((name, i) => [name, totals[i]]));
}

module.exports = { sumColumns };
