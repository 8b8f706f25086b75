#!/usr/bin/env node
const slugify = require("slugify");

const titles = process.argv.slice(2);
for (const title of titles.length ? titles : ["Hello Docker World"]) {
  console.log(slugify(title, { lower: true, strict: true }));
}
