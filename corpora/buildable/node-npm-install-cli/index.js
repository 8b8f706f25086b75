#!/usr/bin/env node
const fs = require("fs");
const { program } = require("commander");
const { sumColumns } = require("./lib/sum");

const SAMPLE = "apples,pears\n3,4\n5,6\n";

program
  .name("csvsum")
  .option("-f, --file <path>", "CSV file to read")
  .action((opts) => {
    const text = opts.file ? fs.readFileSync(opts.file, "utf8") : SAMPLE;
    for (const [name, total] of Object.entries(sumColumns(text))) {
      console.log(`${name}: ${total}`);
    }
  });

program.parse();
