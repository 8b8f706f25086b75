import { convert, Unit } from "./units";

const [value = "10", from = "km", to = "mi"] = process.argv.slice(2);
const result = convert(Number(value), from as Unit, to as Unit);
console.log(`${value} ${from} = ${result.toFixed(3)} ${to}`);
